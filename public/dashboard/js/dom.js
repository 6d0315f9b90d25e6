// Building DOM nodes. Strings always become text nodes (never markup), so API data cannot inject HTML.

function build(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.setAttribute('class', value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** `el('td', { class: 'num' }, '129.90 USD')` */
export const el = (tag, attrs = {}, ...children) => build(document.createElement(tag), attrs, children);

export const svg = (tag, attrs = {}, ...children) => build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);

/** Text only a screen reader announces (e.g. what an icon means). */
export const hiddenText = (text) => el('span', { class: 'visually-hidden' }, text);

/** Shows an error (or clears it) in a section's status line. */
export function showStatus(node, message, isError = false) {
  node.textContent = message;
  node.classList.toggle('error', isError);
}
