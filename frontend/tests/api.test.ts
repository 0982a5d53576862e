import { afterEach, describe, expect, it } from 'vitest';
import { api, ApiError, errorMessage, isApiError, onEvent } from '../src/lib/api';
import { installFakeBackend, platform, uninstallFakeBackend } from './fakeBackend';

afterEach(() => uninstallFakeBackend());

describe('api', () => {
  it('says clearly that the backend is missing', async () => {
    const err = await api.watchlist().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(isApiError(err, 'unavailable')).toBe(true);
    expect((err as ApiError).method).toBe('Watchlist');
    expect((err as ApiError).message).toMatch(/window\.go\.app\.App\.Watchlist is missing/);
  });

  it('turns a rejected string into a typed backend error', async () => {
    const fake = installFakeBackend();
    fake.failNext('WatchPlatform', 'no platform called "nope" in the catalog');
    const err = await api.watchPlatform('nope').catch((e: unknown) => e);
    expect(isApiError(err, 'backend')).toBe(true);
    expect((err as ApiError).method).toBe('WatchPlatform');
    expect((err as ApiError).message).toBe('no platform called "nope" in the catalog');
  });

  it('turns a rejected Error or an empty rejection into a readable message', async () => {
    window.go = {
      app: {
        App: {
          Watchlist: () => Promise.reject(new Error('database is locked')),
          Catalog: () => Promise.reject(''),
        },
      },
    };
    await expect(api.watchlist()).rejects.toMatchObject({ kind: 'backend', message: 'database is locked' });
    await expect(api.catalog('', '')).rejects.toMatchObject({
      kind: 'backend',
      message: 'The request "Catalog" failed without a reason.',
    });
  });

  it('treats Go nil slices as empty lists', async () => {
    window.go = {
      app: {
        App: {
          Watchlist: () => Promise.resolve([{ ...platform({ id: 'x', name: 'X' }), documents: null as never }]),
          Categories: () => Promise.resolve(null),
        },
      },
    };
    expect(await api.categories()).toEqual([]);
    const [p] = await api.watchlist();
    expect(p?.documents).toEqual([]);
  });

  it('passes arguments through unchanged', async () => {
    const fake = installFakeBackend();
    await api.catalog('claude', 'ai');
    expect(fake.calls.at(-1)).toEqual({ method: 'Catalog', args: ['claude', 'ai'] });
  });
});

describe('errorMessage', () => {
  it('reads Go error strings as sentences', () => {
    expect(errorMessage(new ApiError('backend', 'X', 'give the platform a name'))).toBe('Give the platform a name');
    expect(errorMessage('"x" has no scheme')).toBe('"x" has no scheme');
    expect(errorMessage(undefined)).toBe('Something went wrong.');
    expect(errorMessage(new Error(''))).toBe('Something went wrong.');
  });
});

describe('onEvent', () => {
  it('fails loudly without the Wails runtime', () => {
    expect(() => onEvent('watchlist:changed', () => {})).toThrow(/window\.runtime\.EventsOn is missing/);
  });

  it('delivers events until unsubscribed', () => {
    const fake = installFakeBackend();
    let n = 0;
    const off = onEvent('watchlist:changed', () => n++);
    fake.emit('watchlist:changed');
    off();
    fake.emit('watchlist:changed');
    expect(n).toBe(1);
  });
});
