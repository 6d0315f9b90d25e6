import { svg } from './dom.js';

// Inline SVG icons: they render the same everywhere, with or without an emoji font.
const icon = (...shapes) =>
  svg('svg', { viewBox: '0 0 24 24', class: 'icon', 'aria-hidden': 'true', focusable: 'false' }, ...shapes);

/** ✨ widget-assisted */
export const sparkles = () =>
  icon(
    svg('path', { class: 'solid', d: 'M10 2l2.1 6.4 6.4 2.1-6.4 2.1L10 19l-2.1-6.4-6.4-2.1 6.4-2.1z' }),
    svg('path', { class: 'solid', d: 'M19 13l.9 2.6 2.6.9-2.6.9L19 20l-.9-2.6-2.6-.9 2.6-.9z' }),
  );

/** A capsule hold: a shopping bag. */
export const bag = () => icon(svg('path', { class: 'outline', d: 'M5 8h14l-1 13H6L5 8zM9 8V6a3 3 0 0 1 6 0v2' }));

/** An order-update subscription: a bell. */
export const bell = () => icon(svg('path', { class: 'outline', d: 'M18 16v-5a6 6 0 1 0-12 0v5l-2 2h16l-2-2zM10 20a2 2 0 0 0 4 0' }));
