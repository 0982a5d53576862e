// An in-memory stand-in for the Go App bound by Wails, for unit tests only:
// the browser tests in e2e/ drive the real backend.
import type { AddURLRequest, Backend, CatalogEntry, WatchedPlatform } from '../src/lib/api';

export const catalogFixture: CatalogEntry[] = [
  {
    id: 'claude',
    name: 'Claude',
    company: 'Anthropic',
    category: 'ai',
    categoryLabel: 'AI assistants',
    homepage: 'https://claude.ai',
    documents: [
      { type: 'Terms of Service', url: 'https://www.anthropic.com/legal/consumer-terms' },
      { type: 'Privacy Policy', url: 'https://www.anthropic.com/legal/privacy' },
    ],
    watched: false,
  },
  {
    id: 'chatgpt',
    name: 'ChatGPT',
    company: 'OpenAI',
    category: 'ai',
    categoryLabel: 'AI assistants',
    homepage: 'https://chatgpt.com',
    documents: [{ type: 'Terms of Service', url: 'https://openai.com/policies/terms-of-use' }],
    watched: false,
  },
  {
    id: 'whatsapp',
    name: 'WhatsApp',
    company: 'Meta',
    category: 'messaging',
    categoryLabel: 'Messaging',
    homepage: 'https://www.whatsapp.com',
    documents: [{ type: 'Privacy Policy', url: 'https://www.whatsapp.com/legal/privacy-policy' }],
    watched: false,
  },
  {
    id: 'instagram',
    name: 'Instagram',
    company: 'Meta',
    category: 'social',
    categoryLabel: 'Social networks',
    homepage: 'https://www.instagram.com',
    documents: [{ type: 'Terms of Service', url: 'https://help.instagram.com/581066165581870' }],
    watched: false,
  },
];

const labels: Record<string, string> = {
  ai: 'AI assistants',
  messaging: 'Messaging',
  social: 'Social networks',
  other: 'Other',
};

type Listener = (...data: unknown[]) => void;

export interface FakeBackend {
  app: Backend;
  calls: { method: string; args: unknown[] }[];
  platforms: WatchedPlatform[];
  /** Makes the next call of `method` reject with `message`. */
  failNext(method: keyof Backend, message: string): void;
  emit(name: string, ...data: unknown[]): void;
  listeners: Map<string, Listener[]>;
}

function toWatched(e: CatalogEntry): WatchedPlatform {
  return {
    id: e.id,
    name: e.name,
    company: e.company,
    category: e.category,
    categoryLabel: e.categoryLabel,
    homepage: e.homepage,
    status: 'never-checked',
    statusText: 'Not checked yet',
    lastCheck: '',
    unread: 0,
    documents: e.documents.map((d, i) => ({
      id: i + 1,
      type: d.type,
      url: d.url,
      versions: 0,
      lastCheck: '',
      lastOutcome: '',
      error: '',
    })),
  };
}

export function platform(over: Partial<WatchedPlatform> & { id: string; name: string }): WatchedPlatform {
  return {
    company: '',
    category: 'other',
    categoryLabel: 'Other',
    homepage: '',
    status: 'never-checked',
    statusText: '',
    lastCheck: '',
    unread: 0,
    documents: [],
    ...over,
  };
}

/** Installs the fake on window.go / window.runtime and returns its handle. */
export function installFakeBackend(initial: WatchedPlatform[] = []): FakeBackend {
  const removed = new Map<string, WatchedPlatform>();
  const failures = new Map<string, string>();
  const listeners = new Map<string, Listener[]>();
  const fake: FakeBackend = {
    calls: [],
    platforms: [...initial],
    listeners,
    failNext(method, message) {
      failures.set(method, message);
    },
    emit(name, ...data) {
      for (const l of listeners.get(name) ?? []) l(...data);
    },
    app: undefined as unknown as Backend,
  };

  // Wails rejects with the Go error string, not an Error.
  async function run<T>(method: string, args: unknown[], body: () => T): Promise<T> {
    fake.calls.push({ method, args });
    await Promise.resolve();
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      return Promise.reject(failure);
    }
    try {
      return body();
    } catch (err) {
      return Promise.reject((err as Error).message);
    }
  }

  const isWatched = (id: string) => fake.platforms.some((p) => p.id === id);

  fake.app = {
    Version: () => run('Version', [], () => '0.0.0-test'),
    Categories: () =>
      run('Categories', [], () => {
        const counts = new Map<string, number>();
        for (const e of catalogFixture) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
        return [...counts].map(([id, count]) => ({ id, label: labels[id] ?? id, count }));
      }),
    Catalog: (query, category) =>
      run('Catalog', [query, category], () => {
        const q = query.toLowerCase();
        return catalogFixture
          .filter((e) => !category || e.category === category)
          .filter((e) => !q || `${e.id} ${e.name} ${e.company}`.toLowerCase().includes(q))
          .map((e) => ({ ...e, watched: isWatched(e.id) }));
      }),
    DocumentTypes: () => run('DocumentTypes', [], () => ['Terms of Service', 'Privacy Policy', 'Other']),
    Watchlist: () => run('Watchlist', [], () => fake.platforms.map((p) => ({ ...p }))),
    WatchPlatform: (id) =>
      run('WatchPlatform', [id], () => {
        const e = catalogFixture.find((x) => x.id === id);
        if (!e) throw new Error(`no platform called "${id}" in the catalog`);
        const existing = fake.platforms.find((p) => p.id === id);
        if (existing) return existing;
        const p = toWatched(e);
        fake.platforms.push(p);
        return p;
      }),
    WatchURL: (req: AddURLRequest) =>
      run('WatchURL', [req], () => {
        if (!req.name.trim()) throw new Error('give the platform a name');
        if (!req.url.trim()) throw new Error('give the address of the page (https://…)');
        if (!/^https?:\/\//.test(req.url)) throw new Error(`"${req.url}" has no scheme; start it with https://`);
        const bad = [...req.select, ...req.remove].find((s) => s.includes('!!'));
        if (bad) throw new Error(`selector "${bad}" does not compile: unexpected token`);
        const id = req.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
        const p = platform({
          id,
          name: req.name,
          documents: [{ id: 99, type: req.type, url: req.url, versions: 0, lastCheck: '', lastOutcome: '', error: '' }],
        });
        fake.platforms.push(p);
        return p;
      }),
    UnwatchPlatform: (id) =>
      run('UnwatchPlatform', [id], () => {
        const p = fake.platforms.find((x) => x.id === id);
        if (!p) throw new Error(`"${id}" is not on your watchlist`);
        removed.set(id, p);
        fake.platforms = fake.platforms.filter((x) => x.id !== id);
      }),
    RestorePlatform: (id) =>
      run('RestorePlatform', [id], () => {
        const p = removed.get(id);
        if (!p) throw new Error('that removal can no longer be undone');
        removed.delete(id);
        fake.platforms.push(p);
        return p;
      }),
  };

  window.go = { app: { App: fake.app } };
  window.runtime = {
    EventsOn(name, cb) {
      listeners.set(name, [...(listeners.get(name) ?? []), cb]);
      return () =>
        listeners.set(
          name,
          (listeners.get(name) ?? []).filter((l) => l !== cb),
        );
    },
    EventsOff(name) {
      listeners.delete(name);
    },
  };
  return fake;
}

export function uninstallFakeBackend(): void {
  delete window.go;
  delete window.runtime;
}
