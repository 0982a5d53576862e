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
  documents: WatchedDocument[];
}

export interface AddURLRequest {
  name: string;
  type: string;
  url: string;
  select: string[];
  remove: string[];
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
}

export interface Runtime {
  EventsOn(name: string, callback: (...data: unknown[]) => void): (() => void) | void;
  EventsOff(name: string, ...additional: string[]): void;
}

declare global {
  interface Window {
    go?: { app?: { App?: Partial<Backend> } };
    runtime?: Partial<Runtime>;
  }
}

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

function backendMethod<K extends keyof Backend>(method: K): Backend[K] {
  const fn = window.go?.app?.App?.[method];
  if (typeof fn !== 'function') {
    throw new ApiError(
      'unavailable',
      method,
      `Fineprint's backend is not connected (window.go.app.App.${method} is missing). Start the app with Wails or through the test bridge.`,
    );
  }
  return fn as Backend[K];
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

async function call<K extends keyof Backend>(
  method: K,
  ...args: Parameters<Backend[K]>
): Promise<Awaited<ReturnType<Backend[K]>>> {
  const fn = backendMethod(method) as (...a: unknown[]) => Promise<unknown>;
  try {
    return (await fn(...args)) as Awaited<ReturnType<Backend[K]>>;
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
};

export type Api = typeof api;

/** Event names the backend emits. */
export const events = {
  watchlistChanged: 'watchlist:changed',
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
