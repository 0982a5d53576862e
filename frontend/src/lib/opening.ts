import { api, events, hasMethod, onEvent } from './api';
import { router } from './router.svelte';

/**
 * Where a clicked notification leads: one change opens its diff, several
 * open the list of changes.
 */
export async function openChanges(id: number, all: number[] = [id]): Promise<void> {
  if (all.length > 1) {
    router.navigate('changes');
    return;
  }
  try {
    const c = (await api.changes('', true)).find((x) => x.id === id);
    if (c) {
      router.navigate('history', c.platform, String(c.documentId), String(c.toVersionId));
      return;
    }
  } catch {
    // The list of changes is the next best place.
  }
  router.navigate('changes');
}

/** Follows the desktop's requests to show a change or the digest. */
export function subscribeOpening(): () => void {
  try {
    const offChange = onEvent(events.changeOpen, (id, all) =>
      openChanges(Number(id), Array.isArray(all) ? all.map(Number) : [Number(id)]),
    );
    const offDigest = onEvent(events.digestOpen, () =>
      hasMethod('Digest') ? router.navigate('changes', 'week') : router.navigate('changes'),
    );
    return () => {
      offChange();
      offDigest();
    };
  } catch {
    return () => {};
  }
}
