import { describe, expect, it } from 'vitest';
import { cueTextPlain, cueTextToDom, cueTextToMarkup, parseCueText } from './cuetext.ts';
import { parseVtt } from './vtt.ts';

describe('WebVTT cue text parsing (§6.4)', () => {
  it('builds voice, class, language and ruby nodes with their annotations', () => {
    const tree = parseCueText(
      '<v.loud Anna  Karenina>Где <lang en>you</lang>?</v> <ruby>漢<rt>かん</rt></ruby>',
    );
    const [voice] = tree.children;
    expect(voice).toMatchObject({ type: 'v', classes: ['loud'], annotation: 'Anna Karenina' });
    expect(cueTextToDom(tree)[0]).toMatchObject({
      element: 'span',
      attributes: { class: 'loud', title: 'Anna Karenina' },
    });
    const lang = (voice as { children: unknown[] }).children[1];
    expect(lang).toMatchObject({ type: 'lang', language: 'en', annotation: 'en' });
    expect(cueTextPlain(tree)).toBe('Где you? 漢かん');
  });

  it('gives nodes the language on top of the stack, the fallback first', () => {
    const tree = parseCueText('<i>a</i><lang fr><b>b</b></lang><u>c</u>', 'ru');
    expect(tree.children.map((n) => ('language' in n ? n.language : null))).toEqual([
      'ru',
      'fr',
      'ru',
    ]);
    const b = (tree.children[1] as { children: { language: string }[] }).children[0]!;
    expect(b.language).toBe('fr');
  });

  it('keeps timestamps that parse whole and ignores the rest', () => {
    const tree = parseCueText('a<00:01.500>b<00:01.5>c<1:00:00.000x>d');
    expect(tree.children).toEqual([
      { type: 'text', value: 'a' },
      { type: 'timestamp', value: 1.5 },
      { type: 'text', value: 'b' },
      { type: 'text', value: 'c' },
      { type: 'text', value: 'd' },
    ]);
  });

  it('decodes character references as HTML does, legacy names without ";" included', () => {
    expect(
      cueTextPlain(
        parseCueText('Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#x80; &#0; &bogus; &not'),
      ),
    ).toBe('Tom & Jerry <3 été € \ufffd &bogus; ¬');
  });

  it('reduces the tree to the shared markup: i, b, u kept, the rest as text', () => {
    expect(
      cueTextToMarkup(
        parseCueText('<c.yellow><i>Run</i></c>, <v Bob><b>now</b></v>!<font color=red>x</font>'),
      ),
    ).toBe('<i>Run</i>, <b>now</b>!x');
  });
});

describe('parseVtt with the cue text parser', () => {
  it('keeps the text of voices and classes and the allowed tags', () => {
    const { cues } = parseVtt(
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>Hello, <i>you</i> &amp; me</v>\n',
    );
    expect(cues[0]!.lines).toEqual(['Hello, <i>you</i> & me']);
  });

  it('says when a malformed tag swallows text, as a browser would hide it', () => {
    const { cues, log } = parseVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nI <3 you\n');
    expect(cues[0]!.lines).toEqual(['I']);
    expect(log.problems).toContainEqual(
      expect.objectContaining({ code: 'vtt-text-in-tag', line: 4 }),
    );
    const clean = parseVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n<font color="red">red</font>\n');
    expect(clean.cues[0]!.lines).toEqual(['red']);
    expect(clean.log.problems.map((p) => p.code)).not.toContain('vtt-text-in-tag');
  });
});
