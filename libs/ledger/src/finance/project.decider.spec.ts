import { contextFor, DeciderSpec, finance } from '../shared/testing/decider-spec';
import type { ProjectRegistered } from './finance.events';
import { projectDecider, type ProjectCommand } from './project.decider';

const data = { unitId: 'changning', projectId: 'xiejing', name: '交通协警经费', category: '协警' };
const registered: ProjectRegistered = { type: 'ProjectRegistered', data, businessDate: null };
const register = (over: Partial<typeof data> = {}): ProjectCommand => ({
  kind: 'RegisterProject',
  ...data,
  ...over,
});
const spec = DeciderSpec.for(projectDecider);
const ctx = contextFor(finance);

describe('project register decider', () => {
  describe('RegisterProject', () => {
    it('registers a new project', () => {
      spec.given().when(register(), ctx).then(registered);
    });
    it('appends nothing when the same project is registered again as it is', () => {
      spec.given(registered).when(register(), ctx).thenNothing();
    });
    it('refuses to register a known project id under another name', () => {
      spec
        .given(registered)
        .when(register({ name: '疫情防控工作经费' }), ctx)
        .thenThrows('FINANCE.PROJECT_EXISTS');
    });
  });
});
