import { api, errorMessage, events, onEvent, type CheckProgress, type CheckResult } from './api';
import { plural } from './documents';
import { toasts } from './toasts.svelte';
import { watchlist } from './watchlist.svelte';

export type DocumentCheckState = 'waiting' | 'done' | 'failed';

/** What a person can do about a failed check, by the failure's kind. */
const advice: Record<string, string> = {
  transient: 'The site did not answer in time. Try again later.',
  'bot-blocked':
    'The site refused an automated visit. Try again later; if it keeps refusing, open the page in your browser.',
  gone: 'The page no longer exists. Check the address on the platform page or remove the document.',
  'too-large': 'The page is larger than Fineprint reads. Check that the address points at the terms, not a download.',
  'needs-browser': 'The page only shows its text to a browser. Install Chromium so Fineprint can read it.',
  unsupported: 'This kind of file cannot be read. Point the document at the HTML or PDF version of the terms.',
  'bad-url': 'The address is not valid. Correct it by adding the page again.',
  redirect: 'The page sends visitors elsewhere. Open it in your browser to find where the terms moved.',
  'bad-encoding': 'The page text could not be decoded. Try again later.',
  empty: 'The page came back empty. Try again later.',
  rejected: 'The site answered with an error. Try again later.',
  'not-terms':
    'The page no longer looks like terms (an error page or a sign-in wall). Open it in your browser to check.',
  'no-match': 'The part of the page that held the terms is gone; the site was probably redesigned.',
  'bad-rules': 'The selectors for this page are not valid. Add the page again with corrected selectors.',
  unparsable: 'The page could not be read. Try again later.',
  'suspicious-shrink':
    'The page suddenly holds far less text, which is usually a broken page. The next check will confirm a real rewrite.',
  archive: 'The archive on this computer could not be written. Check free disk space, then try again.',
  'no-address': 'This document has no address to fetch. Add it again by URL.',
  cancelled: 'You cancelled the check before this document.',
};

export function adviceFor(kind: string): string {
  return advice[kind] ?? 'Try again later. If it keeps failing, open the page in your browser to see what it shows.';
}

/**
 * The check that runs in the background: which documents it covers, how
 * far it got and what it found. The backend runs at most one check at a
 * time and reports through events, so this is a single shared store.
 */
export class Check {
  running = $state(false);
  starting = $state(false);
  done = $state(0);
  total = $state(0);
  /** Platforms the running (or last) check covers; empty means all. */
  scope = $state<string[]>([]);
  /** Results by document id, for the running or last check. */
  results = $state<Record<number, CheckResult>>({});
  /** The last finished check's results; null before the first one. */
  finished = $state<CheckResult[] | null>(null);
  cancelling = $state(false);

  covers(platformId: string): boolean {
    return this.scope.length === 0 || this.scope.includes(platformId);
  }

  /** Whether this platform still has documents waiting in the running check. */
  pending(platformId: string): boolean {
    if (!this.running || !this.covers(platformId)) return false;
    const p = watchlist.platforms.find((x) => x.id === platformId);
    if (!p) return false;
    return p.documents.some((d) => !this.results[d.id]);
  }

  documentState(documentId: number): DocumentCheckState | undefined {
    const r = this.results[documentId];
    if (!r) return this.running ? 'waiting' : undefined;
    return r.outcome === 'failed' ? 'failed' : 'done';
  }

  /** Documents of one platform checked so far, out of its total, for its bar. */
  platformProgress(platformId: string): { done: number; total: number } {
    const p = watchlist.platforms.find((x) => x.id === platformId);
    if (!p) return { done: 0, total: 0 };
    return { done: p.documents.filter((d) => this.results[d.id]).length, total: p.documents.length };
  }

  async start(platformIds: string[] = []): Promise<void> {
    if (this.running || this.starting) return;
    this.starting = true;
    try {
      // Set up before the call: the first progress event can arrive before
      // the call returns.
      this.scope = platformIds;
      this.results = {};
      this.finished = null;
      this.done = 0;
      this.total = 0;
      this.running = true;
      this.cancelling = false;
      await api.checkNow(platformIds);
    } catch (err) {
      this.running = false;
      toasts.error(errorMessage(err));
    } finally {
      this.starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    try {
      await api.cancelCheck();
    } catch (err) {
      this.cancelling = false;
      toasts.error(errorMessage(err));
    }
  }

  progress(p: CheckProgress): void {
    this.running = true;
    this.total = p.total;
    this.done = Math.max(this.done, p.done);
    if (p.last) {
      this.results = { ...this.results, [p.last.document_id]: p.last };
      // Status pills follow each document rather than waiting for the end.
      void watchlist.load();
    }
  }

  finish(results: CheckResult[] | null): void {
    const list = Array.isArray(results) ? results : [];
    const byDoc: Record<number, CheckResult> = { ...this.results };
    for (const r of list) byDoc[r.document_id] = r;
    this.results = byDoc;
    this.finished = list;
    this.done = this.total = Math.max(this.total, list.length);
    this.running = false;
    this.cancelling = false;
    void watchlist.load();
  }

  dismiss(): void {
    this.finished = null;
    this.results = {};
  }

  /** Picks up a check started elsewhere (the CLI or before a reload). */
  async sync(): Promise<void> {
    try {
      if (await api.checking()) this.running = true;
    } catch {
      // Not knowing only hides a progress bar; the watchlist still loads.
    }
  }

  subscribe(): () => void {
    try {
      const offProgress = onEvent(events.checkProgress, (p) => this.progress(p as CheckProgress));
      const offDone = onEvent(events.checkDone, (r) => this.finish(r as CheckResult[] | null));
      return () => {
        offProgress();
        offDone();
      };
    } catch {
      // The watchlist store already tells the person that live updates are off.
      return () => {};
    }
  }
}

export const check = new Check();

export interface CheckSummary {
  checked: number;
  /** Documents archived for the first time. */
  first: number;
  changed: CheckResult[];
  failed: CheckResult[];
  cancelled: number;
}

export function summarise(results: CheckResult[]): CheckSummary {
  const failed = results.filter((r) => r.outcome === 'failed' && r.error?.kind !== 'cancelled');
  return {
    checked: results.filter((r) => r.error?.kind !== 'cancelled').length,
    first: results.filter((r) => r.outcome === 'new').length,
    changed: results.filter((r) => r.outcome === 'changed' || r.outcome === 'revert'),
    failed,
    cancelled: results.filter((r) => r.error?.kind === 'cancelled').length,
  };
}

/** One sentence for the end of a check: what was read, found and missed. */
export function resultSentence(s: CheckSummary): string {
  const read = s.checked - s.failed.length;
  const parts: string[] = [];
  if (read > 0) {
    let found = 'no changes';
    if (s.changed.length > 0) found = `${plural(s.changed.length, 'change')} found`;
    else if (s.first > 0) found = `${plural(s.first, 'first copy', 'first copies')} kept`;
    parts.push(`Checked ${plural(read, 'document')}: ${found}`);
  }
  if (s.failed.length > 0) {
    const n = s.failed.length;
    parts.push(read > 0 ? `${n} could not be checked` : `${plural(n, 'document')} could not be checked`);
  }
  if (s.cancelled > 0) parts.push(`${s.cancelled} skipped (cancelled)`);
  if (parts.length === 0) return 'Nothing was checked.';
  return parts.join(', ') + '.';
}
