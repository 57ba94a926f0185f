import { record, str } from '../json-value';

type Component = Record<string, unknown>;

/**
 * A template's components after message_template_components_update: Meta sends the body
 * (message_template_element), header text (message_template_title), footer (message_template_footer) and URL /
 * phone-number buttons (message_template_buttons) as they now are; what it does not send is kept.
 */
export function updateComponents(current: unknown[], v: Record<string, unknown>): Component[] {
  const components: Component[] = current.flatMap((c) => (record(c) ? [{ ...record(c) }] : []));
  const byType = (type: string) => components.find((c) => c.type === type);
  const body = str(v.message_template_element);
  if (body !== undefined) {
    const c = byType('BODY');
    if (c) c.text = body;
    else components.push({ type: 'BODY', text: body });
  }
  const title = str(v.message_template_title);
  if (title !== undefined) {
    const c = byType('HEADER');
    if (c) c.text = title;
    else components.unshift({ type: 'HEADER', format: 'TEXT', text: title });
  }
  const footer = str(v.message_template_footer);
  if (footer !== undefined) {
    const c = byType('FOOTER');
    if (c) c.text = footer;
    else components.push({ type: 'FOOTER', text: footer });
  }
  if (Array.isArray(v.message_template_buttons)) {
    const sent = v.message_template_buttons.flatMap((b) => (record(b) ? [record(b)!] : []));
    const holder = byType('BUTTONS');
    const buttons = Array.isArray(holder?.buttons)
      ? holder.buttons.flatMap((b) => (record(b) ? [{ ...record(b) }] : []))
      : [];
    const used = new Set<number>();
    for (const b of sent) {
      const type = str(b.message_template_button_type);
      const text = str(b.message_template_button_text);
      // The n-th sent button of a type updates the n-th stored button of that type.
      const i = buttons.findIndex((x, n) => !used.has(n) && x.type === type);
      const target: Component = i >= 0 ? buttons[i] : { type };
      if (i >= 0) used.add(i);
      else buttons.push(target);
      if (text !== undefined) target.text = text;
      const url = str(b.message_template_button_url);
      if (url !== undefined) target.url = url;
      const phone = str(b.message_template_button_phone_number);
      if (phone !== undefined) target.phone_number = phone;
    }
    if (holder) holder.buttons = buttons;
    else if (buttons.length) components.push({ type: 'BUTTONS', buttons });
  }
  return components;
}
