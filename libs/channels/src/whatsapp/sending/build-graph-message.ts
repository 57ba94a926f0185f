import {
  ReplyRequest,
  TemplateBodyParameter,
  TemplateButtonParameter,
  TemplateHeaderParameter,
  TemplateReply,
} from '@switchboard/contracts';

/** Our reply request → Meta's send body (without `to`, which the sender adds from the contact). */
export function buildGraphMessage(req: ReplyRequest, replyToWamid: string | null): Record<string, unknown> {
  const context = replyToWamid ? { context: { message_id: replyToWamid } } : {};
  if (req.type === 'text') {
    return { type: 'text', text: { body: req.text, preview_url: req.previewUrl ?? false }, ...context };
  }
  if (req.type === 'template') {
    return {
      type: 'template',
      template: {
        name: req.template.name,
        language: { code: req.template.language },
        components: templateComponents(req.template),
      },
    };
  }
  const media: Record<string, unknown> = req.media.mediaId
    ? { id: req.media.mediaId }
    : { link: req.media.link };
  if (req.media.caption && req.type !== 'audio' && req.type !== 'sticker') media.caption = req.media.caption;
  if (req.media.filename && req.type === 'document') media.filename = req.media.filename;
  return { type: req.type, [req.type]: media, ...context };
}

/** Meta's `components` of a template send: header, body, then the buttons by index. */
function templateComponents(t: TemplateReply): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (t.header) out.push({ type: 'header', parameters: [headerParameter(t.header)] });
  if (t.bodyParameters.length) out.push({ type: 'body', parameters: t.bodyParameters.map(bodyParameter) });
  for (const b of [...t.buttons].sort((a, z) => a.index - z.index)) out.push(buttonComponent(b));
  return out;
}

const named = (name: string | undefined) => (name ? { parameter_name: name } : {});

function headerParameter(h: TemplateHeaderParameter): Record<string, unknown> {
  if (h.type === 'text') return { type: 'text', ...named(h.parameterName), text: h.text };
  if (h.type === 'location') {
    const location: Record<string, unknown> = { latitude: h.latitude, longitude: h.longitude };
    if (h.name !== undefined) location.name = h.name;
    if (h.address !== undefined) location.address = h.address;
    return { type: 'location', location };
  }
  const media: Record<string, unknown> = h.mediaId ? { id: h.mediaId } : { link: h.link };
  if (h.type === 'document' && h.filename) media.filename = h.filename;
  return { type: h.type, [h.type]: media };
}

function bodyParameter(p: TemplateBodyParameter): Record<string, unknown> {
  if (p.type === 'text') return { type: 'text', ...named(p.parameterName), text: p.text };
  if (p.type === 'currency')
    return {
      type: 'currency',
      ...named(p.parameterName),
      currency: { fallback_value: p.fallbackValue, code: p.code, amount_1000: p.amount1000 },
    };
  return { type: 'date_time', ...named(p.parameterName), date_time: { fallback_value: p.fallbackValue } };
}

function buttonComponent(b: TemplateButtonParameter): Record<string, unknown> {
  return { type: 'button', sub_type: b.type, index: String(b.index), parameters: [buttonParameter(b)] };
}

/** Meta's parameter for each button kind: payload, text, coupon_code, or an `action` for catalog, MPM and flow. */
function buttonParameter(b: TemplateButtonParameter): Record<string, unknown> {
  switch (b.type) {
    case 'quick_reply':
      return { type: 'payload', payload: b.payload };
    case 'url':
      return { type: 'text', text: b.text };
    case 'copy_code':
      return { type: 'coupon_code', coupon_code: b.couponCode };
    case 'catalog':
      return {
        type: 'action',
        action: b.thumbnailProductRetailerId
          ? { thumbnail_product_retailer_id: b.thumbnailProductRetailerId }
          : {},
      };
    case 'mpm':
      return {
        type: 'action',
        action: {
          thumbnail_product_retailer_id: b.thumbnailProductRetailerId,
          sections: b.sections.map((s) => ({
            title: s.title,
            product_items: s.productRetailerIds.map((id) => ({ product_retailer_id: id })),
          })),
        },
      };
    case 'flow': {
      const action: Record<string, unknown> = {};
      if (b.flowToken !== undefined) action.flow_token = b.flowToken;
      if (b.flowActionData !== undefined) action.flow_action_data = b.flowActionData;
      return { type: 'action', action };
    }
  }
}

/** Preview text of an outbound message for lists and search. */
export function replyBody(req: ReplyRequest): string | null {
  if (req.type === 'text') return req.text;
  if (req.type === 'template')
    return `[template ${req.template.name}] ${req.template.bodyParameters
      .map((p) => (p.type === 'text' ? p.text : p.fallbackValue))
      .join(' · ')}`.trim();
  return req.media.caption ?? req.media.filename ?? null;
}
