import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import template from './welcome.json';

/** The view model of `welcome.json`, the card a person gets when they install the bot. */
export type WelcomeCardModel = {
  /** `Hi Jordan Rivera,`. */
  greeting: string;
  tabUrl: string;
};

export function welcomeCardModel(displayName: string, tabUrl: string): WelcomeCardModel {
  return { greeting: `Hi ${displayName},`, tabUrl };
}

export function renderWelcomeCard(model: WelcomeCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const welcomeTemplate: object = template;
