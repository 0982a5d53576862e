import { api, errorMessage, events, onEvent, type AddURLRequest, type WatchedPlatform } from './api';
import { toasts, UNDO_MS } from './toasts.svelte';

/**
 * The watched platforms as the backend last reported them, plus the local
 * edits made since. Screens read it; only this store talks to the backend
 * about the watchlist, so every screen sees the same list.
 */
export class Watchlist {
  platforms = $state<WatchedPlatform[]>([]);
  /** True once the first load finished, successfully or not. */
  loaded = $state(false);
  loading = $state(false);
  /** Why the last load failed; "" when it did not. */
  error = $state('');
  watchedIds = $derived(new Set(this.platforms.map((p) => p.id)));

  // Loads and local edits race: a load that started before an edit would
  // overwrite it with older data. Every edit and load takes a new number,
  // and a load only applies if nothing newer happened meanwhile.
  #generation = 0;
  #removedAt = new Map<string, number>();

  async load(): Promise<void> {
    const gen = ++this.#generation;
    this.loading = true;
    try {
      const list = await api.watchlist();
      if (gen !== this.#generation) return;
      this.platforms = list;
      this.error = '';
    } catch (err) {
      if (gen !== this.#generation) return;
      this.error = errorMessage(err);
    } finally {
      if (gen === this.#generation) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /** Reloads whenever the backend reports a change (CLI, background check). */
  subscribe(): () => void {
    try {
      return onEvent(events.watchlistChanged, () => void this.load());
    } catch (err) {
      toasts.error(errorMessage(err));
      return () => {};
    }
  }

  #upsert(p: WatchedPlatform, at?: number): void {
    this.#generation++;
    this.loading = false;
    const i = this.platforms.findIndex((x) => x.id === p.id);
    if (i >= 0) {
      this.platforms[i] = p;
    } else if (at !== undefined && at <= this.platforms.length) {
      this.platforms.splice(at, 0, p);
    } else {
      this.platforms.push(p);
    }
  }

  async add(id: string): Promise<WatchedPlatform> {
    const p = await api.watchPlatform(id);
    this.#upsert(p);
    return p;
  }

  /**
   * Turns a platform's notifications off or on. The switch moves at once and
   * moves back if the backend refuses.
   */
  async setMuted(id: string, muted: boolean): Promise<void> {
    const i = this.platforms.findIndex((x) => x.id === id);
    const before = i >= 0 ? this.platforms[i]!.muted : undefined;
    if (i >= 0) this.#upsert({ ...this.platforms[i]!, muted });
    try {
      await api.setMuted(id, muted);
    } catch (err) {
      const j = this.platforms.findIndex((x) => x.id === id);
      if (j >= 0) this.#upsert({ ...this.platforms[j]!, muted: before });
      throw err;
    }
  }

  async addURL(req: AddURLRequest): Promise<WatchedPlatform> {
    const p = await api.watchURL(req);
    this.#upsert(p);
    return p;
  }

  /** Removes a platform and offers to undo it for a few seconds. */
  async remove(p: WatchedPlatform): Promise<void> {
    try {
      await api.unwatchPlatform(p.id);
    } catch (err) {
      toasts.error(errorMessage(err));
      return;
    }
    this.#generation++;
    this.loading = false;
    this.#removedAt.set(
      p.id,
      this.platforms.findIndex((x) => x.id === p.id),
    );
    this.platforms = this.platforms.filter((x) => x.id !== p.id);
    toasts.show(`${p.name} is no longer watched.`, {
      duration: UNDO_MS,
      action: { label: 'Undo', run: () => this.restore(p.id) },
    });
  }

  async restore(id: string): Promise<void> {
    try {
      const p = await api.restorePlatform(id);
      const at = this.#removedAt.get(id);
      this.#removedAt.delete(id);
      this.#upsert(p, at !== undefined && at >= 0 ? at : undefined);
    } catch (err) {
      toasts.error(errorMessage(err));
    }
  }
}

export const watchlist = new Watchlist();
