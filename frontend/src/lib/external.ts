import { api, errorMessage } from './api';
import { toasts } from './toasts.svelte';

/**
 * Opens a page in the person's browser. Where the app cannot (the test
 * bridge, a locked-down desktop), the address is offered for copying
 * instead of failing silently.
 */
export async function openExternal(url: string): Promise<void> {
  try {
    await api.openURL(url);
  } catch (err) {
    toasts.error(`${errorMessage(err)}. The address is ${url}`.replace(/\.\. /, '. '), {
      action: {
        label: 'Copy address',
        run: async () => {
          try {
            await navigator.clipboard.writeText(url);
            toasts.show('Address copied.', { kind: 'success' });
          } catch {
            toasts.error(`Copying failed; the address is ${url}`);
          }
        },
      },
    });
  }
}
