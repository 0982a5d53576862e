export type ToastKind = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
  /** Milliseconds the toast stays up; 0 keeps it until dismissed. */
  duration: number;
}

export interface ToastOptions {
  kind?: ToastKind;
  action?: ToastAction;
  duration?: number;
}

/** How long an undo offer stays on screen. */
export const UNDO_MS = 8000;

interface Timer {
  handle: ReturnType<typeof setTimeout> | undefined;
  remaining: number;
  started: number;
}

class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, Timer>();

  show(message: string, opts: ToastOptions = {}): number {
    const id = this.#next++;
    const duration = opts.duration ?? (opts.kind === 'error' ? 10000 : 5000);
    this.items.push({ id, kind: opts.kind ?? 'info', message, action: opts.action, duration });
    if (duration > 0) {
      this.#timers.set(id, { handle: undefined, remaining: duration, started: 0 });
      this.resume(id);
    }
    return id;
  }

  error(message: string, opts: Omit<ToastOptions, 'kind'> = {}): number {
    return this.show(message, { ...opts, kind: 'error' });
  }

  dismiss(id: number): void {
    const t = this.#timers.get(id);
    if (t?.handle !== undefined) clearTimeout(t.handle);
    this.#timers.delete(id);
    this.items = this.items.filter((x) => x.id !== id);
  }

  // Hovering or focusing a toast pauses its countdown so nobody loses an
  // Undo while reaching for it (WCAG 2.2.1, timing adjustable).
  pause(id: number): void {
    const t = this.#timers.get(id);
    if (!t || t.handle === undefined) return;
    clearTimeout(t.handle);
    t.handle = undefined;
    t.remaining = Math.max(0, t.remaining - (Date.now() - t.started));
  }

  resume(id: number): void {
    const t = this.#timers.get(id);
    if (!t || t.handle !== undefined) return;
    t.started = Date.now();
    t.handle = setTimeout(() => this.dismiss(id), t.remaining);
  }

  clear(): void {
    for (const id of [...this.#timers.keys()]) this.dismiss(id);
    this.items = [];
  }
}

export const toasts = new Toasts();
