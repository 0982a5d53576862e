// Typed access to the Go backend bound by Wails (window.go.app.App) and to
// the Wails event runtime. Generated wailsjs/ files are deliberately not used:
// the same bundle must run inside Wails and behind the e2e bridge, which
// injects an equivalent window.go object.

export interface Category {
  id: string;
  label: string;
  count: number;
}

export interface CatalogDocument {
  type: string;
  url: string;
}

export interface CatalogEntry {
  id: string;
  name: string;
  company: string;
  category: string;
  categoryLabel: string;
  homepage: string;
  documents: CatalogDocument[];
  watched: boolean;
}

export type CheckOutcome = '' | 'new' | 'changed' | 'unchanged' | 'revert' | 'failed';

export interface WatchedDocument {
  id: number;
  type: string;
  url: string;
  versions: number;
  /** RFC 3339, or "" when never checked. */
  lastCheck: string;
  lastOutcome: CheckOutcome;
  error: string;
}

export type PlatformStatus = 'never-checked' | 'up-to-date' | 'changed' | 'failed' | 'checking';

export interface WatchedPlatform {
  id: string;
  name: string;
  company: string;
  category: string;
  categoryLabel: string;
  homepage: string;
  status: PlatformStatus;
  statusText: string;
  lastCheck: string;
  unread: number;
  /** Notifications are off for it; its changes are still checked and listed. */
  muted?: boolean;
  documents: WatchedDocument[];
}

export interface AddURLRequest {
  name: string;
  type: string;
  url: string;
  select: string[];
  remove: string[];
}

/** Why a page would not be archived, in words for people. */
export interface PreviewError {
  /** "invalid", or a fetch/extract kind: "gone", "bot-blocked", "not-terms", "no-match", "bad-rules"… */
  kind: string;
  message: string;
}

/** What adding a URL would archive (PreviewURL in Go). */
export interface Preview {
  url: string;
  /** Words in the whole text, even when markdown is cut short. */
  words: number;
  /** Markdown from a page Fineprint does not control: untrusted. */
  markdown: string;
  truncated: boolean;
  error: PreviewError | null;
}

/** A material change of the week, with whether its platform is muted. */
export interface DigestChange {
  change: Change;
  muted: boolean;
}

/** The week's material changes, newest first (Digest in Go). */
export interface Digest {
  from: string;
  to: string;
  platforms: number;
  changes: DigestChange[];
}

/** One document's check result (monitor.Result in Go). */
export interface CheckResult {
  platform: string;
  document_id: number;
  type: string;
  url: string;
  outcome: CheckOutcome;
  class: ChangeClass | null;
  version_id: number | null;
  summary: string;
  error: { kind: string; message: string } | null;
}

export interface CheckProgress {
  done: number;
  total: number;
  /** "platformId Document type" of the document just checked. */
  current: string;
  last?: CheckResult;
}

export type ChangeClass = 'material' | 'minor' | 'revert' | 'technical';

/** "Was I told?": what the new text says about notice of the change. */
export interface ChangeNotice {
  promised_notice: boolean;
  /** The earlier version's promise, verbatim. */
  promise_quote?: string;
  retroactive: boolean;
  /** RFC 3339; year 1 when the text states no date. */
  effective_date?: string;
  /** The new text's line stating the date, verbatim. */
  quote?: string;
}

/** A provision kind that appeared, went or changed in a change. */
export interface ProvisionChange {
  kind: string;
  label: string;
  severity: string;
  modifiers: string[] | null;
}

export interface ChangeDetail {
  added: string[];
  removed: string[];
  changed: string[];
  moved: string[];
  wordsAdded: number;
  wordsRemoved: number;
  notice?: ChangeNotice | null;
  provisions?: {
    added: ProvisionChange[] | null;
    removed: ProvisionChange[] | null;
    changed: ProvisionChange[] | null;
  };
  /** The worst severity among provisions added or changed. */
  severity?: string;
}

export interface Version {
  id: number;
  firstSeen: string;
  lastSeen: string;
  origin: string;
  current: boolean;
}

export interface Change {
  id: number;
  documentId: number;
  platform: string;
  platformName: string;
  type: string;
  fromVersionId: number;
  toVersionId: number;
  class: ChangeClass;
  summary: string;
  /** Normalised: always an object, lists never null. */
  details: ChangeDetail;
  detectedAt: string;
  read: boolean;
}

export interface DocumentHistory {
  documentId: number;
  type: string;
  url: string;
  platform: string;
  platformName: string;
  versions: Version[];
  changes: Change[];
}

export interface DiffOp {
  type: 'equal' | 'insert' | 'delete';
  text: string;
}

export type SectionKind = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface DiffSection {
  kind: SectionKind;
  oldPath: string[];
  newPath: string[];
  heading: string;
  wordsAdded: number;
  wordsRemoved: number;
  ops: DiffOp[];
}

export interface DiffResult {
  from: Version;
  to: Version;
  class: ChangeClass;
  summary: string;
  detail: ChangeDetail;
  reasons: string[];
  sections: DiffSection[];
}

export interface VersionText {
  id: number;
  documentId: number;
  type: string;
  platform: string;
  platformName: string;
  firstSeen: string;
  lastSeen: string;
  /** Markdown, as extracted from the page: untrusted. */
  text: string;
}

export interface SearchHit {
  versionId: number;
  documentId: number;
  platform: string;
  platformName: string;
  type: string;
  firstSeen: string;
  current: boolean;
  /** Matches are wrapped in « and ». */
  snippet: string;
}

export interface Action {
  id: string;
  title: string;
  description: string;
  icon: string;
  kinds: string[];
}

export type Severity = 'low' | 'medium' | 'high' | '';

/** A clause quoted verbatim from an archived version. */
export interface Evidence {
  document: string;
  document_id: number;
  url?: string;
  version_date: string;
  version_id: number;
  quote: string;
  /** Byte offsets of the quote in the version's Markdown. */
  start: number;
  end: number;
  kinds: string[];
  modifiers: string[];
  severity: Severity;
}

export interface LegalNote {
  jurisdiction: string;
  law: string;
  note: string;
  applies?: string;
  source?: string;
}

export interface KindPosition {
  kind: string;
  label: string;
  found: boolean;
  severity?: Severity;
  quote?: string;
  document?: string;
  version_id?: number;
}

export interface OtherPlatform {
  platform: string;
  name: string;
  archived: boolean;
  kinds: KindPosition[];
}

export interface Explanation {
  platform: string;
  platform_name: string;
  action: string;
  action_title: string;
  at: string;
  headline: string;
  points: string[];
  evidence: Evidence[];
  you_can: { text: string; evidence: Evidence }[];
  legal: LegalNote[];
  disclaimer: string;
  says_nothing: string[];
  others: OtherPlatform[];
  documents: { document: string; version_id: number; version_date: string }[];
}

export interface Kind {
  id: string;
  label: string;
  group: string;
}

export interface Position {
  platform: string;
  name: string;
  archived: boolean;
  found: boolean;
  severity?: Severity;
  modifiers: string[];
  point: string;
  evidence: Evidence[];
}

export interface Comparison {
  kind: string;
  label: string;
  at: string;
  platforms: Position[];
  says_nothing: string[];
  legal: LegalNote[];
  disclaimer: string;
}

export interface Settings {
  checkIntervalHours: number;
  notifications: boolean;
  quietStart: string;
  quietEnd: string;
  digestDay: number;
  digestHour: number;
  keepRunningOnClose: boolean;
  autostart: boolean;
  language: string;
  /** Where the archive lives; shown, not editable. */
  dataDir: string;
}

/** The methods the Go App struct exposes; keep in step with app/. */
export interface Backend {
  Version(): Promise<string>;
  Categories(): Promise<Category[] | null>;
  Catalog(query: string, category: string): Promise<CatalogEntry[] | null>;
  DocumentTypes(): Promise<string[] | null>;
  Watchlist(): Promise<WatchedPlatform[] | null>;
  WatchPlatform(id: string): Promise<WatchedPlatform>;
  WatchURL(req: AddURLRequest): Promise<WatchedPlatform>;
  UnwatchPlatform(id: string): Promise<void>;
  RestorePlatform(id: string): Promise<WatchedPlatform>;
  CheckNow(platformIDs: string[]): Promise<void>;
  CancelCheck(): Promise<void>;
  Checking(): Promise<boolean>;
  History(platformId: string): Promise<DocumentHistory[] | null>;
  Diff(fromVersionId: number, toVersionId: number): Promise<DiffResult>;
  ReadVersion(versionId: number): Promise<VersionText>;
  Changes(since: string, all: boolean): Promise<Change[] | null>;
  MarkRead(ids: number[]): Promise<void>;
  Search(query: string): Promise<SearchHit[] | null>;
  OpenURL(url: string): Promise<void>;
}

/**
 * Methods arriving with the analysis and the settings: screens that need
 * them stay out of the sidebar until the backend has them (see hasMethod).
 */
export interface LaterBackend {
  Actions(): Promise<Action[] | null>;
  Explain(platformId: string, action: string, at: string): Promise<Explanation>;
  Compare(kind: string, at: string): Promise<Comparison>;
  Kinds(): Promise<Kind[] | null>;
  Settings(): Promise<Settings>;
  SaveSettings(s: Settings): Promise<Settings>;
  SetMuted(platformId: string, muted: boolean): Promise<void>;
  SuggestExportPath(): Promise<string>;
  StartRoute(): Promise<string>;
  Findings(platformId: string): Promise<FindingGroup[] | null>;
  ExportArchive(path: string): Promise<string>;
  ImportArchive(path: string): Promise<ImportStats>;
  PreviewURL(req: AddURLRequest): Promise<Preview>;
  Digest(): Promise<Digest>;
  OpenDataFolder(): Promise<void>;
}

export interface Finding {
  document: string;
  documentId: number;
  versionId: number;
  versionDate: string;
  quote: string;
  start: number;
  end: number;
  severity: Severity;
  modifiers: string[];
  /** Why this severity, in plain sentences. */
  reasons: string[];
}

export interface FindingGroup {
  kind: string;
  label: string;
  group: string;
  severity: Severity;
  findings: Finding[];
}

export interface ImportStats {
  platforms: number;
  documents: number;
  versions: number;
  changes: number;
  checks: number;
}

export interface Runtime {
  EventsOn(name: string, callback: (...data: unknown[]) => void): (() => void) | void;
  EventsOff(name: string, ...additional: string[]): void;
}

/** What only the desktop window can do (bound from package main). */
export interface WindowControl {
  Quit(): Promise<void>;
  RunsInBackground(): Promise<boolean>;
  /** The system's save dialog; '' when cancelled. */
  ChooseExportPath(suggested: string): Promise<string>;
  /** The system's open dialog; '' when cancelled. */
  ChooseImportPath(): Promise<string>;
}

declare global {
  interface Window {
    go?: { app?: { App?: Partial<FullBackend> }; main?: { Window?: Partial<WindowControl> } };
    runtime?: Partial<Runtime>;
  }
}

export type FullBackend = Backend & LaterBackend;

/** Distinguishes "the app is not wired up" from "the backend said no". */
export type ApiErrorKind = 'unavailable' | 'backend';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly method: string;

  constructor(kind: ApiErrorKind, method: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.method = method;
  }
}

export function isApiError(err: unknown, kind?: ApiErrorKind): err is ApiError {
  return err instanceof ApiError && (kind === undefined || err.kind === kind);
}

/**
 * A sentence fit for a toast, whatever was thrown. Go error strings start in
 * lower case by convention; on screen they read as sentences.
 */
export function errorMessage(err: unknown): string {
  let message = '';
  if (err instanceof Error) message = err.message;
  else if (typeof err === 'string') message = err;
  message = message.trim();
  if (message === '') return 'Something went wrong.';
  return message.charAt(0).toLocaleUpperCase() + message.slice(1);
}

function backendMethod<K extends keyof FullBackend>(method: K): FullBackend[K] {
  const fn = window.go?.app?.App?.[method];
  if (typeof fn !== 'function') {
    throw new ApiError(
      'unavailable',
      method,
      `Fineprint's backend is not connected (window.go.app.App.${method} is missing). Start the app with Wails or through the test bridge.`,
    );
  }
  return fn as FullBackend[K];
}

// Wails rejects with the Go error's text (a string); other transports may
// reject with an Error. Either way the caller gets one typed error.
function toApiError(method: string, reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  let message = '';
  if (typeof reason === 'string') message = reason;
  else if (reason instanceof Error) message = reason.message;
  else if (reason && typeof reason === 'object' && 'message' in reason) {
    message = String((reason as { message: unknown }).message);
  }
  message = message.trim();
  if (message === '') message = `The request "${method}" failed without a reason.`;
  return new ApiError('backend', method, message);
}

async function call<K extends keyof FullBackend>(
  method: K,
  ...args: Parameters<FullBackend[K]>
): Promise<Awaited<ReturnType<FullBackend[K]>>> {
  const fn = backendMethod(method) as (...a: unknown[]) => Promise<unknown>;
  try {
    return (await fn(...args)) as Awaited<ReturnType<FullBackend[K]>>;
  } catch (reason) {
    throw toApiError(method, reason);
  }
}

// Go encodes nil slices as null; the UI should never have to care.
function list<T>(value: T[] | null | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function normalisePlatform(p: WatchedPlatform): WatchedPlatform {
  return { ...p, documents: list(p.documents) };
}

function normaliseEntry(e: CatalogEntry): CatalogEntry {
  return { ...e, documents: list(e.documents) };
}

function normaliseDetail(d: Partial<ChangeDetail> | null | undefined): ChangeDetail {
  return {
    ...(d ?? {}),
    added: list(d?.added),
    removed: list(d?.removed),
    changed: list(d?.changed),
    moved: list(d?.moved),
    wordsAdded: d?.wordsAdded ?? 0,
    wordsRemoved: d?.wordsRemoved ?? 0,
  };
}

function normaliseChange(c: Change): Change {
  return { ...c, details: normaliseDetail(c.details) };
}

function normaliseHistory(h: DocumentHistory): DocumentHistory {
  return { ...h, versions: list(h.versions), changes: list(h.changes).map(normaliseChange) };
}

function normaliseDiff(d: DiffResult): DiffResult {
  return {
    ...d,
    detail: normaliseDetail(d.detail),
    reasons: list(d.reasons),
    sections: list(d.sections).map((s) => ({
      ...s,
      oldPath: list(s.oldPath),
      newPath: list(s.newPath),
      ops: list(s.ops),
    })),
  };
}

function normaliseExplanation(e: Explanation): Explanation {
  return {
    ...e,
    points: list(e.points),
    evidence: list(e.evidence),
    you_can: list(e.you_can),
    legal: list(e.legal),
    says_nothing: list(e.says_nothing),
    others: list(e.others).map((o) => ({ ...o, kinds: list(o.kinds) })),
    documents: list(e.documents),
  };
}

function normaliseComparison(c: Comparison): Comparison {
  return {
    ...c,
    platforms: list(c.platforms).map((p) => ({ ...p, modifiers: list(p.modifiers), evidence: list(p.evidence) })),
    says_nothing: list(c.says_nothing),
    legal: list(c.legal),
  };
}

/** Whether the backend offers a method; newer screens light up when it does. */
export function hasMethod(method: keyof FullBackend): boolean {
  return typeof window.go?.app?.App?.[method] === 'function';
}

export const api = {
  version: () => call('Version'),
  categories: async () => list(await call('Categories')),
  catalog: async (query: string, category: string) => list(await call('Catalog', query, category)).map(normaliseEntry),
  documentTypes: async () => list(await call('DocumentTypes')),
  watchlist: async () => list(await call('Watchlist')).map(normalisePlatform),
  watchPlatform: async (id: string) => normalisePlatform(await call('WatchPlatform', id)),
  watchURL: async (req: AddURLRequest) => normalisePlatform(await call('WatchURL', req)),
  unwatchPlatform: async (id: string): Promise<void> => {
    await call('UnwatchPlatform', id);
  },
  restorePlatform: async (id: string) => normalisePlatform(await call('RestorePlatform', id)),
  checkNow: async (platformIds: string[] = []): Promise<void> => {
    await call('CheckNow', platformIds);
  },
  cancelCheck: async (): Promise<void> => {
    await call('CancelCheck');
  },
  checking: async () => (await call('Checking')) === true,
  history: async (platformId: string) => list(await call('History', platformId)).map(normaliseHistory),
  diff: async (fromVersionId: number, toVersionId: number) =>
    normaliseDiff(await call('Diff', fromVersionId, toVersionId)),
  readVersion: (versionId: number) => call('ReadVersion', versionId),
  changes: async (since = '', all = false) => list(await call('Changes', since, all)).map(normaliseChange),
  markRead: async (ids: number[]): Promise<void> => {
    await call('MarkRead', ids);
  },
  search: async (query: string) => list(await call('Search', query)),
  openURL: async (url: string): Promise<void> => {
    await call('OpenURL', url);
  },
  actions: async () => list(await call('Actions')),
  explain: async (platformId: string, action: string, at = '') =>
    normaliseExplanation(await call('Explain', platformId, action, at)),
  compare: async (kind: string, at = '') => normaliseComparison(await call('Compare', kind, at)),
  kinds: async () => list(await call('Kinds')),
  settings: () => call('Settings'),
  saveSettings: (s: Settings) => call('SaveSettings', s),
  suggestExportPath: () => call('SuggestExportPath'),
  startRoute: () => call('StartRoute'),
  findings: async (platformId: string) =>
    list(await call('Findings', platformId)).map((g) => ({
      ...g,
      findings: list(g.findings).map((f) => ({ ...f, modifiers: list(f.modifiers), reasons: list(f.reasons) })),
    })),
  exportArchive: (path: string) => call('ExportArchive', path),
  importArchive: (path: string) => call('ImportArchive', path),
  previewURL: async (req: AddURLRequest): Promise<Preview> => {
    const p = await call('PreviewURL', req);
    return { ...p, markdown: p.markdown ?? '', words: p.words ?? 0, error: p.error ?? null };
  },
  setMuted: async (platformId: string, muted: boolean): Promise<void> => {
    await call('SetMuted', platformId, muted);
  },
  digest: async (): Promise<Digest> => {
    const d = await call('Digest');
    return {
      ...d,
      changes: list(d.changes).map((c) => ({ ...c, change: normaliseChange(c.change) })),
    };
  },
  openDataFolder: async (): Promise<void> => {
    await call('OpenDataFolder');
  },
};

export type Api = typeof api;

/** Event names the backend emits. */
export const events = {
  watchlistChanged: 'watchlist:changed',
  checkProgress: 'check:progress',
  checkDone: 'check:done',
  /** A notification was clicked: (changeId, every change id it covered). */
  changeOpen: 'change:open',
  digestOpen: 'digest:open',
} as const;

/**
 * Subscribes to a backend event and returns the unsubscribe function.
 * Without a runtime (plain `npm run dev` in a browser) it throws, because
 * silently never hearing about changes would be worse.
 */
export function onEvent(name: string, callback: (...data: unknown[]) => void): () => void {
  const rt = window.runtime;
  if (!rt || typeof rt.EventsOn !== 'function') {
    throw new ApiError(
      'unavailable',
      'EventsOn',
      'The Wails runtime is not loaded (window.runtime.EventsOn is missing), so live updates are off.',
    );
  }
  const off = rt.EventsOn(name, callback);
  return () => {
    if (typeof off === 'function') off();
    else rt.EventsOff?.(name);
  };
}

/** The window's own controls, or null outside the desktop app (tests, the bridge). */
export function windowControl(): Partial<WindowControl> | null {
  return window.go?.main?.Window ?? null;
}
