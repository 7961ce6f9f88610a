import type { Decider } from '../shared/decider';
import { conflict } from '../shared/errors';
import { assertNever } from '../shared/event';
import type { ProjectEvent } from './finance.events';

export type ProjectCommand = {
  kind: 'RegisterProject';
  unitId: string;
  projectId: string;
  name: string;
  category: string;
};

/** The unit's project register: each project once, under one name and category. */
export interface ProjectRegisterState {
  readonly projects: ReadonlyMap<string, { name: string; category: string }>;
}

export const projectDecider: Decider<ProjectRegisterState, ProjectCommand, ProjectEvent> = {
  initialState: () => ({ projects: new Map() }),

  evolve(state, event) {
    switch (event.type) {
      case 'ProjectRegistered': {
        const projects = new Map(state.projects);
        projects.set(event.data.projectId, { name: event.data.name, category: event.data.category });
        return { projects };
      }
      default:
        return assertNever(event.type);
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'RegisterProject': {
        const known = state.projects.get(command.projectId);
        if (known) {
          if (known.name === command.name && known.category === command.category) return [];
          throw conflict(
            'FINANCE.PROJECT_EXISTS',
            `项目 ${command.projectId} 已登记为「${known.name}」`,
            `project ${command.projectId} is registered as ${known.name}`,
          );
        }
        const { kind: _kind, ...data } = command;
        return [{ type: 'ProjectRegistered', data, businessDate: null }];
      }
      default:
        return assertNever(command.kind);
    }
  },
};
