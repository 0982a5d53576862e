// An in-memory stand-in for the Go App bound by Wails, for unit tests only:
// the browser tests in e2e/ drive the real backend.
import type {
  AddURLRequest,
  Backend,
  CatalogEntry,
  Change,
  DiffResult,
  DocumentHistory,
  LaterBackend,
  SearchHit,
  Settings,
  VersionText,
  WatchedPlatform,
} from '../src/lib/api';

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

/** Claude's privacy policy: three versions, a material change and a minor one. */
export const historyFixture: DocumentHistory[] = [
  {
    documentId: 2,
    type: 'Privacy Policy',
    url: 'https://www.anthropic.com/legal/privacy',
    platform: 'claude',
    platformName: 'Claude',
    versions: [
      { id: 13, firstSeen: '2026-07-08T22:31:40Z', lastSeen: '2026-08-17T22:31:33Z', origin: 'fetch', current: true },
      { id: 12, firstSeen: '2026-06-09T10:30:33Z', lastSeen: '2026-06-09T22:30:33Z', origin: 'import', current: false },
      { id: 11, firstSeen: '2026-01-17T11:33:23Z', lastSeen: '2026-05-18T10:31:52Z', origin: 'import', current: false },
    ],
    changes: [
      {
        id: 21,
        documentId: 2,
        platform: 'claude',
        platformName: 'Claude',
        type: 'Privacy Policy',
        fromVersionId: 12,
        toVersionId: 13,
        class: 'material',
        summary: '1 section changed (Data Retention), 1 added (Training); +120/-40 words',
        details: {
          added: ['Training'],
          removed: [],
          changed: ['Data Retention'],
          moved: [],
          wordsAdded: 120,
          wordsRemoved: 40,
          notice: {
            promised_notice: true,
            promise_quote: 'We will notify you of material changes.',
            retroactive: true,
            effective_date: '2026-06-01T00:00:00Z',
            quote: 'Effective 1 June 2026.',
          },
          provisions: {
            added: [{ kind: 'ai-training', label: 'Used for AI training', severity: 'high', modifiers: [] }],
            removed: null,
            changed: [],
          },
          severity: 'high',
        },
        detectedAt: '2026-07-08T22:31:40Z',
        read: false,
      },
      {
        id: 20,
        documentId: 2,
        platform: 'claude',
        platformName: 'Claude',
        type: 'Privacy Policy',
        fromVersionId: 11,
        toVersionId: 12,
        class: 'minor',
        summary: 'wording changed in Contact; +2/-1 words',
        details: { added: [], removed: [], changed: ['Contact'], moved: [], wordsAdded: 2, wordsRemoved: 1 },
        detectedAt: '2026-06-09T10:30:33Z',
        read: true,
      },
    ],
  },
  {
    documentId: 3,
    type: 'Terms of Service',
    url: 'https://www.anthropic.com/legal/consumer-terms',
    platform: 'claude',
    platformName: 'Claude',
    versions: [],
    changes: [],
  },
];

export const diffFixture: DiffResult = {
  from: historyFixture[0]!.versions[1]!,
  to: historyFixture[0]!.versions[0]!,
  class: 'material',
  summary: '1 section changed (Data Retention), 1 added (Training); +120/-40 words',
  detail: historyFixture[0]!.changes[0]!.details,
  reasons: ['wording changed in Data Retention', 'section added: Training'],
  sections: [
    {
      kind: 'changed',
      oldPath: ['Data Retention'],
      newPath: ['Data Retention'],
      heading: 'Data Retention',
      wordsAdded: 3,
      wordsRemoved: 2,
      ops: [
        { type: 'equal', text: 'We keep your chats for' },
        { type: 'delete', text: '30 days' },
        { type: 'insert', text: 'five years' },
        { type: 'equal', text: 'after you delete them.' },
      ],
    },
    {
      kind: 'added',
      oldPath: [],
      newPath: ['Training'],
      heading: 'Training',
      wordsAdded: 9,
      wordsRemoved: 0,
      ops: [{ type: 'insert', text: 'We use your conversations to train <script>window.pwned=1</script> models.' }],
    },
    {
      kind: 'unchanged',
      oldPath: ['Contact'],
      newPath: ['Contact'],
      heading: 'Contact',
      wordsAdded: 0,
      wordsRemoved: 0,
      ops: [{ type: 'equal', text: 'Write to privacy@example.com.' }],
    },
  ],
};

export const versionFixture: VersionText = {
  id: 13,
  documentId: 2,
  type: 'Privacy Policy',
  platform: 'claude',
  platformName: 'Claude',
  firstSeen: '2026-07-08T22:31:40Z',
  lastSeen: '2026-08-17T22:31:33Z',
  text: [
    'Privacy Policy',
    '==============',
    '',
    'We keep your chats for **five years**. See [our help centre](https://support.example.com/retention).',
    '',
    '<script>window.pwned=1</script>',
    '',
    '![tracker](https://tracker.example/pixel.gif)',
    '',
    '[click](javascript:window.pwned=3) <img src=x onerror="window.pwned=2">',
  ].join('\n'),
};

/** Settings as a person who changed nothing has them. */
export const settingsFixture: Settings = {
  checkIntervalHours: 24,
  notifications: true,
  quietStart: '',
  quietEnd: '',
  digestDay: 1,
  digestHour: 9,
  keepRunningOnClose: true,
  autostart: false,
  language: 'en',
  dataDir: '/home/someone/.local/share/fineprint',
};

export const searchFixture: SearchHit[] = [
  {
    versionId: 13,
    documentId: 2,
    platform: 'claude',
    platformName: 'Claude',
    type: 'Privacy Policy',
    firstSeen: '2026-07-08T22:31:40Z',
    current: true,
    snippet: '…We use your «conversations» to <b>train</b> models and keep «conversations»…',
  },
];

type Listener = (...data: unknown[]) => void;

export type FakeApp = Backend & Partial<LaterBackend>;

export interface FakeBackend {
  app: FakeApp;
  histories: Map<string, DocumentHistory[]>;
  /** Whether CheckNow started a check the test has not finished yet. */
  checking: boolean;
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
    app: undefined as unknown as FakeApp,
    histories: new Map([['claude', structuredClone(historyFixture)]]),
    checking: false,
  };
  const allChanges = (): Change[] => [...fake.histories.values()].flatMap((hs) => hs.flatMap((h) => h.changes));

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
    CheckNow: (ids) =>
      run('CheckNow', [ids], () => {
        if (fake.checking) throw new Error('a check is already running');
        if (fake.platforms.length === 0) throw new Error('there is nothing to check yet: add a platform first');
        fake.checking = true;
      }),
    CancelCheck: () =>
      run('CancelCheck', [], () => {
        fake.checking = false;
      }),
    Checking: () => run('Checking', [], () => fake.checking),
    History: (id) =>
      run('History', [id], () => {
        if (!isWatched(id) && !fake.histories.has(id)) throw new Error(`"${id}" is not on your watchlist`);
        return structuredClone(fake.histories.get(id) ?? []);
      }),
    Diff: (from, to) =>
      run('Diff', [from, to], () => {
        if (to !== diffFixture.to.id)
          throw new Error('this is the first version: there is nothing earlier to compare with');
        return structuredClone(diffFixture);
      }),
    ReadVersion: (id) =>
      run('ReadVersion', [id], () => {
        if (id !== versionFixture.id && id !== 12 && id !== 11) throw new Error(`no version ${id}`);
        return { ...versionFixture, id };
      }),
    Changes: (since, all) =>
      run('Changes', [since, all], () =>
        structuredClone(
          allChanges().filter((c) => (all || c.class === 'material') && (!since || c.detectedAt >= since)),
        ),
      ),
    MarkRead: (ids) =>
      run('MarkRead', [ids], () => {
        for (const c of allChanges()) if (ids.includes(c.id)) c.read = true;
      }),
    Search: (q) => run('Search', [q], () => (q.trim() === '' ? [] : structuredClone(searchFixture))),
    OpenURL: (url) =>
      run('OpenURL', [url], () => {
        throw new Error('opening pages is not available here');
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

/** A page of terms long enough that the preview shows only its opening. */
export const previewMarkdown = [
  '# Acme Terms of Service',
  '',
  'These terms govern your use of Acme. <script>window.pwned=1</script>',
  '',
  ...Array.from({ length: 60 }, (_, i) => `Clause line ${i + 1}.`),
].join('\n');

/**
 * Gives the fake a PreviewURL that answers like the Go one for a few
 * addresses: /missing is a 404, /wall a bot wall, a select of #nothing
 * matches nothing, anything else is previewMarkdown.
 */
export function addPreview(fake: FakeBackend): void {
  fake.app.PreviewURL = async (req: AddURLRequest) => {
    fake.calls.push({ method: 'PreviewURL', args: [req] });
    await Promise.resolve();
    const fail = (kind: string, message: string) => ({
      url: req.url,
      words: 0,
      markdown: '',
      truncated: false,
      error: { kind, message },
    });
    if (req.url.includes('/missing'))
      return fail('gone', 'The server answered 404 Not Found: the page may have moved.');
    if (req.url.includes('/wall'))
      return fail('bot-blocked', 'The site showed an anti-bot check (403 Forbidden) instead of the page.');
    if (req.select.includes('#nothing'))
      return fail('no-match', 'The “Keep only” selectors match nothing on this page: #nothing.');
    return { url: req.url, words: 214, markdown: previewMarkdown, truncated: false, error: null };
  };
}

export function uninstallFakeBackend(): void {
  delete window.go;
  delete window.runtime;
}
