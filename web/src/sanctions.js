// The sanctions section of the scenario page; filled in when the server
// offers POST /api/v1/simulate/sanctions.
import { h } from './dom.js';

export function sanctionsSection() {
  return h('section', { id: 'sanctions' }, h('h2', {}, 'Sanctions and interdiction'),
    h('p', { class: 'hint' }, 'This server does not offer the sanctions analysis yet.'));
}
