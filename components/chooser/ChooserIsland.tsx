import { useEffect, useMemo, useState } from 'preact/hooks';
import { FACTOR_IDS, FACTORS, type FactorId } from '../../src/lib/chooser/factors.ts';
import {
  defaultWeights,
  rank,
  WEIGHT_MAX,
  WEIGHT_MIN,
  type RatedFramework,
  type Weights,
} from '../../src/lib/chooser/rank.ts';
import { searchWithWeights, weightsFromSearch } from '../../src/lib/chooser/url-state.ts';

interface Props {
  frameworks: RatedFramework[];
}

const list = (reasons: { label: string }[]) => reasons.map((r) => r.label.toLowerCase()).join(', ');

export default function ChooserIsland({ frameworks }: Props) {
  const [weights, setWeights] = useState<Weights>(defaultWeights);
  const [ignored, setIgnored] = useState<string[]>([]);

  // Read the URL after hydration, so the server-rendered HTML (equal weights) matches the first render.
  useEffect(() => {
    const parsed = weightsFromSearch(window.location.search);
    setWeights(parsed.weights);
    setIgnored(parsed.ignored);
  }, []);

  const update = (next: Weights) => {
    setWeights(next);
    const search = searchWithWeights(window.location.search, next);
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  };
  const setWeight = (factor: FactorId, value: number) => update({ ...weights, [factor]: value });

  const ranking = useMemo(() => rank(frameworks, weights), [frameworks, weights]);

  return (
    <section class="tfc-chooser not-content" data-island="chooser" aria-label="Framework chooser">
      {ignored.length > 0 && (
        <div class="tfc-note" role="status" data-testid="chooser-ignored">
          <p>Some settings in this link were ignored, and their default weight is used instead:</p>
          <ul>
            {ignored.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="tfc-chooser__grid">
        <fieldset class="tfc-chooser__weights">
          <legend>
            How much each factor matters to you ({WEIGHT_MIN} = not at all, {WEIGHT_MAX} = decisive)
          </legend>
          {FACTOR_IDS.map((factor) => (
            <label key={factor} class="tfc-chooser__weight">
              <span>{FACTORS[factor]}</span>
              <input
                type="range"
                name={factor}
                min={WEIGHT_MIN}
                max={WEIGHT_MAX}
                step={1}
                value={weights[factor]}
                onInput={(e) => setWeight(factor, Number((e.currentTarget as HTMLInputElement).value))}
              />
              <output>{weights[factor]}</output>
            </label>
          ))}
          <button type="button" onClick={() => update(defaultWeights())}>
            Reset weights
          </button>
        </fieldset>
        <div>
          <p class="tfc-chooser__caption">Ranking for these weights (share the page link to share them)</p>
          <ol class="tfc-chooser__ranking" aria-live="polite" data-testid="chooser-ranking">
            {ranking.map((r) => (
              <li key={r.id} data-framework={r.id}>
                <strong>{r.name}</strong>{' '}
                {r.score === null ? (
                  <span>no score: every weight is 0</span>
                ) : (
                  <>
                    <meter min={0} max={100} value={r.score} aria-label={`${r.name} score`} />{' '}
                    <span data-testid="score">{r.score.toFixed(0)}</span>/100
                  </>
                )}
                {r.strengths.length > 0 && <p>Ahead on {list(r.strengths)}.</p>}
                {r.weaknesses.length > 0 && <p>Behind on {list(r.weaknesses)}.</p>}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
