import { parsePython } from './parse.ts';

/** The identifiers of TF1's graph plumbing, which a full conversion leaves none of, by kind. */
const PLUMBING = {
  Session: 'session',
  InteractiveSession: 'session',
  placeholder: 'placeholder',
  placeholder_with_default: 'placeholder',
  feed_dict: 'feedDict',
} as const;

export type PlumbingWord = keyof typeof PLUMBING;
export type PlumbingKind = (typeof PLUMBING)[PlumbingWord];

/**
 * Every use of a plumbing identifier in code, in order (names and attributes only, so a docstring or
 * comment that says "placeholder" does not count). One scan serves the chapter's leftovers table
 * and the fully-converted judgement.
 */
export function plumbingUses(code: string): { word: PlumbingWord; kind: PlumbingKind; from: number }[] {
  const out: { word: PlumbingWord; kind: PlumbingKind; from: number }[] = [];
  const cursor = parsePython(code).cursor();
  do {
    if (cursor.name !== 'VariableName' && cursor.name !== 'PropertyName') continue;
    const word = code.slice(cursor.from, cursor.to);
    if (Object.hasOwn(PLUMBING, word))
      out.push({ word: word as PlumbingWord, kind: PLUMBING[word as PlumbingWord], from: cursor.from });
  } while (cursor.next());
  return out;
}
