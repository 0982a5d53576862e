// Small UI preferences kept in the webview's storage. WebKitGTK may refuse
// storage for the app's scheme, and a preference is never worth a broken
// screen, so every access tolerates failure.

export function readPref(key: string): string | null {
  try {
    return window.localStorage?.getItem(`fineprint.${key}`) ?? null;
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string): void {
  try {
    window.localStorage?.setItem(`fineprint.${key}`, value);
  } catch {
    // Not remembered this time; the screen still works.
  }
}
