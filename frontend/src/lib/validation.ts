export type Field = 'name' | 'type' | 'url' | 'select' | 'remove' | 'form';

/**
 * The backend validates and answers with one sentence. Attaching it to the
 * field it talks about puts the message where the person is looking; when no
 * field is named it stays at the top of the form. `remove` lets a message
 * about a selector go to the list that actually holds that selector.
 */
export function fieldOf(message: string, remove: string[] = []): Field {
  const m = message.toLowerCase();
  if (/\b(url|address|addresses|https?|scheme|host)\b/.test(m)) return 'url';
  if (/selector/.test(m)) {
    const quoted = [...message.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((q) => q[1]!.replace(/\\(.)/g, '$1'));
    return quoted.some((q) => remove.includes(q)) ? 'remove' : 'select';
  }
  if (/\b(document type|type|kind of document)\b/.test(m)) return 'type';
  if (/\bname\b/.test(m)) return 'name';
  return 'form';
}
