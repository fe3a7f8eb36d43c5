import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { rateColour } from './rates';
import { dragStep, formatMinute, minutesPerDay, moveBoundary, segments, sortPeriods, startRange, type Period } from './tou';

/**
 * The day as a 24-hour bar coloured by rate. Each period's start is a handle: drag it with the
 * mouse (on a 15-minute step) or focus it and use the arrow keys (←/→ 15 minutes, with Shift an
 * hour, Home/End to the nearest allowed); a handle never passes its neighbours. Clicking a
 * stretch selects its period.
 */
export function TouBar({
  periods,
  onChange,
  selected,
  onSelect,
  testId,
  readOnly,
}: {
  periods: Period[];
  onChange?: (ps: Period[]) => void;
  /** A small picture of the day, for lists: no handles, no scale. */
  readOnly?: boolean;
  selected?: number;
  onSelect?: (index: number) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const sorted = sortPeriods(periods);
  const pct = (m: number) => `${(m / minutesPerDay) * 100}%`;

  const minuteAt = (clientX: number) => {
    const r = bar.current?.getBoundingClientRect();
    if (!r || r.width === 0) return 0;
    return ((clientX - r.left) / r.width) * minutesPerDay;
  };
  const drag = (index: number) => (e: PointerEvent<HTMLDivElement>) => {
    if (e.buttons !== 1) return;
    onChange?.(moveBoundary(sorted, index, minuteAt(e.clientX)));
  };
  const keys = (index: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 60 : dragStep;
    const at = sorted[index].start;
    const { min, max } = startRange(sorted, index);
    const to: Record<string, number> = { ArrowLeft: at - step, ArrowDown: at - step, ArrowRight: at + step, ArrowUp: at + step, Home: min, End: max };
    if (!(e.key in to)) return;
    e.preventDefault();
    onChange?.(moveBoundary(sorted, index, to[e.key], e.key === 'Home' || e.key === 'End' ? 1 : dragStep));
  };

  return (
    <div className={readOnly ? 'tou-bar tou-bar-mini' : 'tou-bar'} data-testid={testId}>
      <div className="tou-bar-track" ref={bar}>
        {segments(sorted).map((s) => (
          <div
            key={`${s.from}-${s.index}`}
            className={`tou-bar-segment${selected === s.index ? ' tou-bar-selected' : ''}`}
            style={{ left: pct(s.from), width: pct(s.to - s.from), background: rateColour[s.rate] }}
            title={`${t(`rate.${s.rate}`)} ${formatMinute(s.from)}–${formatMinute(s.to)}`}
            onClick={() => onSelect?.(s.index)}
          >
            {!readOnly && s.to - s.from >= 90 && <span>{t(`rate.${s.rate}`)}</span>}
          </div>
        ))}
        {!readOnly &&
          sorted.map((p, i) => (
          <div
            key={i}
            className="tou-bar-handle"
            style={{ left: pct(p.start) }}
            role="slider"
            tabIndex={0}
            aria-label={t('tariffs.boundary', { n: i + 1 })}
            aria-valuemin={0}
            aria-valuemax={minutesPerDay - 1}
            aria-valuenow={p.start}
            aria-valuetext={formatMinute(p.start)}
            data-testid={`${testId}-handle-${i}`}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              onSelect?.(i);
            }}
            onPointerMove={drag(i)}
            onKeyDown={keys(i)}
          />
        ))}
      </div>
      {!readOnly && (
      <div className="tou-bar-scale">
        {[0, 3, 6, 9, 12, 15, 18, 21, 24].map((h) => (
          <span key={h} style={{ left: pct(h * 60) }}>
            {String(h).padStart(2, '0')}
          </span>
        ))}
      </div>
      )}
    </div>
  );
}
