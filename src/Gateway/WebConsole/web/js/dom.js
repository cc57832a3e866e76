// Builds DOM nodes without HTML strings, so that nothing the API returns is ever parsed as markup.
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (name in node && typeof value !== 'string') {
      node[name] = value;
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** Appends children, skipping null, undefined and false (native append would write "null"). */
export function add(node, ...children) {
  append(node, children);
  return node;
}

/** Replaces the content of a node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

const timeFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

/**
 * An API time (RFC 3339, in the server's zone) in the browser's zone, as "2026-12-02 08:41:05 EST";
 * the original stays in the element's datetime attribute and its title.
 */
export function time(value) {
  if (!value) return h('span', { class: 'muted' }, '—');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return h('span', {}, value);
  const parts = Object.fromEntries(timeFormat.formatToParts(date).map(p => [p.type, p.value]));
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
  return h('time', { datetime: value, title: value }, text);
}

/** Shows a modal confirmation; resolves true when the person confirms. */
export function confirmDialog(title, body, confirmLabel, cancelLabel) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, title),
      h('div', { class: 'confirm-body' }, body),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, cancelLabel),
        h('button', { type: 'submit', value: 'confirm', class: 'danger' }, confirmLabel)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
