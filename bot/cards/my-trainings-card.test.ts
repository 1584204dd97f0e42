import type { MyTraining } from '../../src/services/training-service';
import {
  cardActions,
  cardProblems,
  cardText,
  unboundExpressions,
} from '../../tests/bot/validate-card';
import { COMPLETE_TRAINING_VERB } from '../invokes/complete-training';
import { expandCard } from './render-card';
import {
  myTrainingsCardModel,
  myTrainingsTemplate,
  renderMyTrainingsCard,
  type CardNotice,
} from './my-trainings-card';

const open: MyTraining = {
  trainingId: 'racial-equity-101',
  title: 'Racial equity foundations',
  courseUrl: 'https://city.example.gov/training/foundations',
  waveId: 'racial-equity-101-w3',
  sequence: 3,
  tier: 'employee',
  opensOn: '2021-04-01',
  dueOn: '2021-09-30',
  state: 'open',
};
const notOpen: MyTraining = {
  ...open,
  trainingId: 'anti-racism',
  title: 'Anti-racism in City government',
  waveId: 'anti-racism-w3',
  opensOn: '2021-05-01',
  dueOn: '2021-12-31',
  state: 'not_open',
};
const overdue: MyTraining = { ...open, trainingId: 'late', title: 'Late one', state: 'overdue' };
const done: MyTraining = {
  ...open,
  trainingId: 'done',
  title: 'Done one',
  completedOn: '2021-06-02',
};

function render(trainings: MyTraining[], notice?: CardNotice) {
  const model = myTrainingsCardModel({
    personName: 'Jordan Rivera',
    trainings,
    tabUrl: 'http://127.0.0.1:3978/',
    notice,
  });
  return { model, ...expandCard(myTrainingsTemplate, model) };
}

describe('my trainings card', () => {
  it('shows each training with its wave, due date and state', () => {
    const { card, warnings } = render([open, notOpen, overdue, done]);
    expect(warnings).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Jordan Rivera · 4 required · 1 done · 1 overdue');
    expect(text).toContain('Racial equity foundations');
    expect(text).toContain('Wave 3 · all employees · due Sep 30, 2021');
    expect(text).toContain('Open');
    expect(text).toContain('Not open yet: opens May 1, 2021');
    expect(text).toContain('Overdue');
    expect(text).toContain('Done on Jun 2, 2021');
  });

  it('offers "I completed this" only on open or overdue trainings not yet done', () => {
    const { card } = render([open, notOpen, overdue, done]);
    const executes = cardActions(card).filter((a) => a.type === 'Action.Execute');
    expect(executes.map((a) => a.data)).toEqual([
      { trainingId: 'racial-equity-101' },
      { trainingId: 'late' },
    ]);
    for (const action of executes) {
      expect(action.verb).toBe(COMPLETE_TRAINING_VERB);
      expect(action.title).toBe('I completed this');
      expect(action.fallback).toEqual({
        type: 'Action.Submit',
        title: 'I completed this',
        data: { verb: COMPLETE_TRAINING_VERB, ...(action.data as object) },
      });
    }
  });

  it('links every course and My plan', () => {
    const { card } = render([open, notOpen]);
    const urls = cardActions(card)
      .filter((a) => a.type === 'Action.OpenUrl')
      .map((a) => a.url);
    expect(urls).toEqual([
      open.courseUrl,
      notOpen.courseUrl,
      'http://127.0.0.1:3978/?view=my-plan',
    ]);
  });

  it('shows a notice beside the training it is about', () => {
    const { model, card } = render([open, notOpen], {
      trainingId: 'anti-racism',
      tone: 'attention',
      text: 'Anti-racism in City government opens for you on 2021-05-01.',
    });
    expect(model.hasNotice).toBe(false);
    expect(model.trainings[1]).toMatchObject({
      hasMessage: true,
      messageColor: 'attention',
      message: 'Anti-racism in City government opens for you on 2021-05-01.',
    });
    expect(model.trainings[0]?.hasMessage).toBe(false);
    expect(cardProblems(card)).toEqual([]);
  });

  it('shows a notice about a training the person does not have above the list', () => {
    const { model, card } = render([open], {
      trainingId: 'gare-toolkit',
      tone: 'attention',
      text: 'Training gare-toolkit is not one of your required trainings.',
    });
    expect(model.hasNotice).toBe(true);
    expect(model.notice).toEqual({
      text: 'Training gare-toolkit is not one of your required trainings.',
      color: 'attention',
      style: 'attention',
    });
    expect(cardText(card)).toContain('not one of your required trainings');
    expect(cardProblems(card)).toEqual([]);
  });

  it('says so when nothing is required', () => {
    const { card, warnings } = render([]);
    expect(warnings).toEqual([]);
    expect(cardText(card)).toContain('You have no required trainings right now.');
    expect(cardProblems(card)).toEqual([]);
  });

  it('renders as an Adaptive Card attachment', () => {
    const attachment = renderMyTrainingsCard(
      myTrainingsCardModel({ personName: 'A', trainings: [open], tabUrl: 'https://x.example/' }),
    );
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(attachment.content)).toEqual([]);
  });
});
