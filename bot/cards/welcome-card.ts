import type { Attachment } from 'botbuilder';
import { renderCard } from './render-card';
import { tabPageLink, type TabAddress } from './tab-links';
import template from './welcome.json';

/** The view model of `welcome.json`, the card a person gets when they install the bot. */
export type WelcomeCardModel = {
  /** `Hi Jordan Rivera,`. */
  greeting: string;
  /** The My plan tab: a Teams deep link once the app's Teams id is known. */
  tabUrl: string;
};

export function welcomeCardModel(displayName: string, tabUrl: TabAddress): WelcomeCardModel {
  return { greeting: `Hi ${displayName},`, tabUrl: tabPageLink(tabUrl, { view: 'my-plan' }) };
}

export function renderWelcomeCard(model: WelcomeCardModel): Attachment {
  return renderCard(template, model);
}

/** The card's template, for schema tests. */
export const welcomeTemplate: object = template;
