/**
 * A passphrase strength meter fed by the main process's `ratePassphrase` (the same rule that
 * refuses weak exports), asked at most every 250 ms while the user types.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { call, type ValueFor } from '../hooks/use-operation';

type Rating = ValueFor<'ratePassphrase'>;

const DEBOUNCE_MS = 250;

/** The rating of `passphrase`, `undefined` while empty or not yet rated. */
export function usePassphraseRating(passphrase: string): Rating | undefined {
  const [rating, setRating] = useState<Rating | undefined>(undefined);
  useEffect(() => {
    if (passphrase === '') {
      setRating(undefined);
      return;
    }
    let stale = false;
    const timer = window.setTimeout(() => {
      void call('ratePassphrase', { passphrase }).then((result) => {
        if (!stale && result.ok) setRating(result.value);
      });
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      window.clearTimeout(timer);
    };
  }, [passphrase]);
  return rating;
}

/** The meter: a bar (score 0–4) with the label in words and the advice, linked to the field by `id`. */
export function PassphraseMeter({ id, rating }: { id: string; rating: Rating | undefined }): ReactElement {
  const score = rating?.score ?? 0;
  const tone = rating === undefined ? 'none' : score >= 3 ? 'ok' : score === 2 ? 'warn' : 'error';
  return (
    <div className="passphrase-meter" id={id} data-testid="passphrase-meter" data-score={rating?.score}>
      <div
        className={`meter-bar meter-${tone}`}
        role="meter"
        aria-label="Passphrase strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={rating ? `${rating.label} (${score} of 4)` : 'Not rated yet'}
      >
        {[0, 1, 2, 3].map((segment) => (
          <span key={segment} className={segment < score ? 'meter-segment meter-filled' : 'meter-segment'} />
        ))}
      </div>
      <p className="meter-label" aria-live="polite">
        Strength: <strong>{rating ? rating.label : 'not rated yet'}</strong>
      </p>
      {rating !== undefined && rating.feedback.length > 0 && (
        <ul className="meter-feedback">
          {rating.feedback.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
