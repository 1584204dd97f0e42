import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';

/** A card template expanded with its view model, and what the templating engine warned about. */
export type ExpandedCard = { card: Record<string, unknown>; warnings: string[] };

/**
 * Binds an Adaptive Card template (`${...}` expressions) to its view model.
 * @param template the card JSON as imported from `bot/cards/*.json`.
 * @param model the typed view model declared beside the template; it becomes `$root`.
 */
export function expandCard(template: object, model: object): ExpandedCard {
  const engine = new ACData.Template(template);
  const card = engine.expand({ $root: model }) as Record<string, unknown>;
  // adaptivecards-templating 2.3 warns "Unable to parse ... $when" for every `$when` that is
  // simply false, so those say nothing; a missing field shows as a `${...}` left in the card.
  const warnings = engine
    .getLastTemplateExpansionWarnings()
    .filter((w) => !/The \$when condition has been set to false by default\.$/.test(w));
  return { card, warnings };
}

/** A card template bound to its view model, as a message attachment. */
export function renderCard(template: object, model: object): Attachment {
  return CardFactory.adaptiveCard(expandCard(template, model).card);
}
