import { ReplyRequest } from '@switchboard/contracts';

/** Our reply request → Meta's send body (without `to`, which the sender adds from the contact). */
export function buildGraphMessage(req: ReplyRequest, replyToWamid: string | null): Record<string, unknown> {
  const context = replyToWamid ? { context: { message_id: replyToWamid } } : {};
  if (req.type === 'text') {
    return { type: 'text', text: { body: req.text, preview_url: req.previewUrl ?? false }, ...context };
  }
  if (req.type === 'template') {
    const params = req.template.bodyParameters.map((p) =>
      p.parameterName
        ? { type: 'text', parameter_name: p.parameterName, text: p.text }
        : { type: 'text', text: p.text },
    );
    return {
      type: 'template',
      template: {
        name: req.template.name,
        language: { code: req.template.language },
        components: params.length ? [{ type: 'body', parameters: params }] : [],
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

/** Preview text of an outbound message for lists and search. */
export function replyBody(req: ReplyRequest): string | null {
  if (req.type === 'text') return req.text;
  if (req.type === 'template')
    return `[template ${req.template.name}] ${req.template.bodyParameters.map((p) => p.text).join(' · ')}`.trim();
  return req.media.caption ?? req.media.filename ?? null;
}
