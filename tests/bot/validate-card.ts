import type * as AdaptiveCards from 'adaptivecards';

// The package's `lib/` is ES modules without file extensions, which Node cannot load; its UMD
// bundle works in Node, and parsing and validating need no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** A template binding such as `${statusColor}`, which only the bound card can be checked for. */
const BINDING = /\$\{[^}]*\}/;

export type CardProblem = { event: string; message: string };

/**
 * Parses a card with the Adaptive Cards SDK and returns every parse and validation problem: unknown
 * element or action types, invalid property values, unsupported version, duplicate ids.
 * @param options.template true for an unbound template: values that are still `${...}` bindings
 * are not problems (the bound card is checked separately).
 */
export function cardProblems(card: unknown, options: { template?: boolean } = {}): CardProblem[] {
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  const problems: CardProblem[] = [];
  for (let i = 0; i < context.eventCount; i += 1) {
    const e = context.getEventAt(i);
    problems.push({ event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  }
  for (const e of adaptiveCard.validateProperties().validationEvents) {
    problems.push({ event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  }
  return options.template ? problems.filter((p) => !BINDING.test(p.message)) : problems;
}

/** Every string in a bound card that still holds a `${...}` binding (a model field was missing). */
export function unboundExpressions(card: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (BINDING.test(value)) found.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Every `Action.*` object in a card, fallbacks included, depth first. */
export function cardActions(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** All `text` of a card's TextBlocks and facts, joined with new lines, for assertions on content. */
export function cardText(card: unknown): string {
  const lines: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') lines.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') {
        lines.push(`${o.title}: ${o.value}`);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return lines.join('\n');
}
