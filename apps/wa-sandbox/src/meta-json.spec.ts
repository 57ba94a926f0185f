import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metaJsonStringify, metaJsonStringifyPretty } from './meta-json';
import { signBody } from './sign-body';

describe('metaJsonStringify', () => {
  it('escapes like PHP json_encode: \\/ and lowercase \\uXXXX, surrogate pairs for emoji', () => {
    expect(metaJsonStringify({ a: 'café/😮' })).toBe('{"a":"caf\\u00e9\\/\\ud83d\\ude2e"}');
  });

  it("is compact, keeps key order, escapes keys and leaves ASCII (incl. < > & ') alone", () => {
    const out = metaJsonStringify({ 'ç/k': [1, 2.5, true, null], url: 'https://x.y/?a=1&b=<2>', q: "it's" });
    expect(out).toBe('{"\\u00e7\\/k":[1,2.5,true,null],"url":"https:\\/\\/x.y\\/?a=1&b=<2>","q":"it\'s"}');
  });

  it('escapes Arabic, CJK and line separators; output parses back to the same value', () => {
    const value = { text: 'مرحبا 你好 \u2028 ok\n"q"' };
    const out = metaJsonStringify(value);
    expect(out).toBe('{"text":"\\u0645\\u0631\\u062d\\u0628\\u0627 \\u4f60\\u597d \\u2028 ok\\n\\"q\\""}');
    expect(/^[\x20-\x7e]*$/.test(out)).toBe(true);
    expect(JSON.parse(out)).toEqual(value);
  });

  it('pretty variant keeps the escaping', () => {
    expect(metaJsonStringifyPretty({ a: 'é' })).toBe('{\n    "a": "\\u00e9"\n}');
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => metaJsonStringify(undefined)).toThrow(TypeError);
  });
});

describe('signBody', () => {
  it('is sha256=<lowercase hex HMAC> over the exact escaped bytes', () => {
    const body = metaJsonStringify({ a: 'café/😮' });
    const expected = createHmac('sha256', 'secret')
      .update(Buffer.from('{"a":"caf\\u00e9\\/\\ud83d\\ude2e"}'))
      .digest('hex');
    expect(signBody(body, 'secret')).toBe(`sha256=${expected}`);
    expect(signBody(Buffer.from(body), 'secret')).toBe(`sha256=${expected}`);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs from a signature over the unescaped JSON (why receivers must hash raw bytes)', () => {
    expect(signBody(JSON.stringify({ a: 'café/😮' }), 's')).not.toBe(
      signBody(metaJsonStringify({ a: 'café/😮' }), 's'),
    );
  });
});
