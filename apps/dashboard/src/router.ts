/** Client routing on real paths (`/unit`, `/finance` …): ledger-api answers every such path with index.html. */
export const VIEWS = ['unit', 'finance', 'counts', 'report', 'audit'] as const;
export type ViewName = (typeof VIEWS)[number];

export const routerEvents = new EventTarget();

export function currentView(): ViewName | null {
  const first = location.pathname.split('/').filter(Boolean)[0] ?? '';
  return (VIEWS as readonly string[]).includes(first) ? (first as ViewName) : null;
}

export const routeParams = (): URLSearchParams => new URLSearchParams(location.search);

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  routerEvents.dispatchEvent(new Event('route-change'));
}

window.addEventListener('popstate', () => routerEvents.dispatchEvent(new Event('route-change')));
