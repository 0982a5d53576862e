// A hash router is enough for a single-window app: reloading keeps the
// screen, and there is no server to configure for history-API URLs.

export interface Route {
  screen: string;
  /** Path segments after the screen id, e.g. ["claude"] for #/platform/claude. */
  params: string[];
}

export const defaultScreen = 'watchlist';

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const [screen, ...params] = parts;
  return { screen: screen || defaultScreen, params };
}

export function hrefFor(screen: string, ...params: string[]): string {
  return '#/' + [screen, ...params].map(encodeURIComponent).join('/');
}

class Router {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  navigate(screen: string, ...params: string[]): void {
    const href = hrefFor(screen, ...params);
    if (location.hash !== href) location.hash = href;
    this.route = { screen, params };
  }

  listen(): () => void {
    const sync = () => {
      this.route = parseHash(location.hash);
    };
    window.addEventListener('hashchange', sync);
    sync();
    return () => window.removeEventListener('hashchange', sync);
  }
}

export const router = new Router();
