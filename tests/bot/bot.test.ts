import fs from 'node:fs';
import { TURN_ERROR_TEXT } from '../../bot/on-turn-error';
import { COMPLETE_TRAINING_VERB } from '../../bot/invokes/complete-training';
import { DEMO_PERSONAS } from '../../src/services/demo/demo-city';
import { startReap, type RunningReap } from '../../src/server/start';
import { startBotConnectorEmulator, type BotConnectorEmulator } from '../emulators/bot-connector';
import { tempDir } from '../support/temp-dir';
import {
  BOT,
  botInstalled,
  executeAction,
  installationAdd,
  message,
  submitAction,
  type TeamsUser,
} from './teams-activities';
import { cardActions, cardProblems, cardText, unboundExpressions } from './validate-card';
import { captureLog } from '../support/log-capture';

/** 15 April 2021: the employees' wave of the foundations course is open, anti-racism's is not. */
const TODAY = new Date('2021-04-15T15:00:00.000Z');
const clock = { now: () => TODAY };

type CardInvokeAnswer = { statusCode: number; type: string; value: Record<string, unknown> };

describe('the bot over HTTP, as Teams drives it (anonymous mode, demo city)', () => {
  let reap: RunningReap;
  let connector: BotConnectorEmulator;
  let dataDir: string;
  let jordan: TeamsUser;
  let renee: TeamsUser;
  const stranger: TeamsUser = {
    id: '29:stranger',
    name: 'Sam Stranger',
    aadObjectId: '00000000-0000-4000-8000-0000ffffffff',
  };

  beforeAll(async () => {
    connector = await startBotConnectorEmulator();
    dataDir = tempDir();
    reap = await startReap({ PORT: '0', DATA_DIR: dataDir, REAP_SEED: 'demo' }, clock);
    const asUser = async (personId: string): Promise<TeamsUser> => {
      const p = await reap.store.getPerson(personId);
      if (!p) throw new Error(`demo city has no ${personId}`);
      return { id: `29:${p.id}`, name: p.displayName, aadObjectId: p.aadObjectId };
    };
    jordan = await asUser(DEMO_PERSONAS.employee.id);
    renee = await asUser(DEMO_PERSONAS.lead.id);
  });
  afterAll(async () => {
    await reap?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => connector.reset());

  const serviceUrl = () => connector.url;
  const post = (activity: Record<string, unknown>) =>
    fetch(`${reap.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
  /** Posts an activity, expects 200, and returns what the bot sent the connector meanwhile. */
  const turn = async (activity: Record<string, unknown>) => {
    const res = await post(activity);
    expect(res.status).toBe(200);
    return connector.activities();
  };
  const invoke = async (activity: Record<string, unknown>) => {
    const res = await post(activity);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as CardInvokeAnswer;
    expect(answer.statusCode).toBe(200);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(answer.value)).toEqual([]);
    expect(unboundExpressions(answer.value)).toEqual([]);
    return answer.value;
  };
  const onlyCard = (activities: Array<Record<string, unknown>>) => {
    expect(activities).toHaveLength(1);
    const attachments = activities[0]?.attachments as Array<{
      contentType: string;
      content: unknown;
    }>;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachments[0]?.content;
    expect(cardProblems(card)).toEqual([]);
    expect(unboundExpressions(card)).toEqual([]);
    return card;
  };
  const completions = (personId: string, trainingId?: string) =>
    reap.store.listCompletions({ personId, trainingId });

  it('greets the person by name on install and keeps the conversation reference', async () => {
    const install = botInstalled({ serviceUrl: serviceUrl(), from: jordan });
    const sent = await turn(install);
    const card = onlyCard(sent);
    expect(cardText(card)).toContain('Hi Jordan Rivera,');
    expect(cardText(card)).toMatch(/trainings you are required to take/);
    expect(sent[0]?.conversation).toMatchObject({
      id: (install.conversation as { id: string }).id,
    });

    const saved = await reap.store.getConversation(DEMO_PERSONAS.employee.id);
    expect(saved?.updatedAt).toBe(TODAY.toISOString());
    expect(saved?.reference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: {
        id: (install.conversation as { id: string }).id,
        conversationType: 'personal',
      },
      user: { id: jordan.id, aadObjectId: jordan.aadObjectId },
      bot: { id: BOT.id },
    });
  });

  it('keeps the reference on installationUpdate without greeting twice', async () => {
    const sent = await turn(installationAdd({ serviceUrl: serviceUrl(), from: renee }));
    expect(sent).toEqual([]);
    const saved = await reap.store.getConversation(DEMO_PERSONAS.lead.id);
    expect(saved?.reference).toMatchObject({ user: { aadObjectId: renee.aadObjectId } });
  });

  it('refreshes the reference on every message from a known person', async () => {
    const conversationId = 'a:jordan-new-chat';
    await turn(message({ serviceUrl: serviceUrl(), from: jordan, text: 'help', conversationId }));
    const saved = await reap.store.getConversation(DEMO_PERSONAS.employee.id);
    expect(saved?.reference).toMatchObject({ conversation: { id: conversationId } });
  });

  it('answers help with the commands and, for an employee, My plan', async () => {
    const card = onlyCard(
      await turn(message({ serviceUrl: serviceUrl(), from: jordan, text: 'help' })),
    );
    const text = cardText(card);
    expect(text).toContain('my trainings: ');
    expect(text).toContain('help: ');
    expect(text).toContain('**My plan** tab');
    const tab = cardActions(card).find((a) => a.type === 'Action.OpenUrl');
    expect(tab?.url).toBe(`${reap.config.publicUrl}/?view=my-plan`);
  });

  it('answers text it does not know with help, saying what it did not understand', async () => {
    const card = onlyCard(
      await turn(message({ serviceUrl: serviceUrl(), from: jordan, text: 'when is lunch' })),
    );
    expect(cardText(card)).toContain(`I didn't understand "when is lunch".`);
    expect(cardText(card)).toContain('my trainings: ');
  });

  it('lists the trainings required of the person, with state, due date, course and button', async () => {
    const card = onlyCard(
      await turn(message({ serviceUrl: serviceUrl(), from: jordan, text: 'My trainings' })),
    );
    const text = cardText(card);
    expect(text).toContain('Jordan Rivera · 2 required · 0 done');
    expect(text).toContain('Racial equity foundations');
    expect(text).toContain('Wave 3 · all employees · due Sep 30, 2021');
    expect(text).toContain('Anti-racism in City government');
    expect(text).toContain('Not open yet: opens May 1, 2021');
    expect(text).not.toContain('GARE'); // a lead's training, not an employee's

    const actions = cardActions(card);
    const executes = actions.filter((a) => a.type === 'Action.Execute');
    expect(executes).toEqual([
      expect.objectContaining({
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'racial-equity-101' },
        fallback: expect.objectContaining({
          type: 'Action.Submit',
          data: { verb: COMPLETE_TRAINING_VERB, trainingId: 'racial-equity-101' },
        }),
      }),
    ]);
    expect(actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url)).toEqual([
      'https://city.milwaukee.gov/equity/training/racial-equity-foundations',
      'https://city.milwaukee.gov/equity/training/anti-racism',
      `${reap.config.publicUrl}/?view=my-plan`,
    ]);
  });

  it('records a completion from the card button and updates the card in place', async () => {
    expect(await completions(DEMO_PERSONAS.employee.id)).toEqual([]);
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'racial-equity-101' },
      }),
    );
    const text = cardText(card);
    expect(text).toContain('Recorded: you completed Racial equity foundations on Apr 15, 2021.');
    expect(text).toContain('Done on Apr 15, 2021');
    expect(text).toContain('2 required · 1 done');
    expect(cardActions(card).filter((a) => a.type === 'Action.Execute')).toEqual([]);

    const stored = await completions(DEMO_PERSONAS.employee.id, 'racial-equity-101');
    expect(stored).toEqual([
      expect.objectContaining({
        completedOn: '2021-04-15',
        recordedAt: TODAY.toISOString(),
        source: 'bot',
        waveId: 'racial-equity-101-w3',
      }),
    ]);
    // An invoke is answered in its HTTP response; nothing goes through the connector.
    expect(connector.requests).toEqual([]);
  });

  it('says a repeated press (or a Teams resend) is already recorded, and records nothing more', async () => {
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'racial-equity-101' },
      }),
    );
    expect(cardText(card)).toContain(
      'Already recorded: you completed Racial equity foundations on Apr 15, 2021.',
    );
    expect(await completions(DEMO_PERSONAS.employee.id, 'racial-equity-101')).toHaveLength(1);
  });

  it('shows why a training cannot be recorded yet beside that training', async () => {
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'anti-racism' },
      }),
    );
    expect(cardText(card)).toContain('Anti-racism in City government opens for you on 2021-05-01.');
    expect(await completions(DEMO_PERSONAS.employee.id, 'anti-racism')).toEqual([]);
  });

  it('refuses a training the person does not have, with the message on the card', async () => {
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'gare-toolkit' },
      }),
    );
    expect(cardText(card)).toContain(
      'Training gare-toolkit is not one of your required trainings.',
    );
    expect(await completions(DEMO_PERSONAS.employee.id, 'gare-toolkit')).toEqual([]);
  });

  it('answers a button without a training with the card as it stands', async () => {
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: '  ' },
      }),
    );
    expect(cardText(card)).toContain('That button did not say which training it was for');
    expect(cardText(card)).toContain('2 required · 1 done');
  });

  it('takes who completed a training from the activity, never from card data', async () => {
    const leadBefore = await completions(DEMO_PERSONAS.lead.id);
    await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'racial-equity-101', personId: DEMO_PERSONAS.lead.id },
      }),
    );
    expect(await completions(DEMO_PERSONAS.lead.id)).toEqual(leadBefore);
    expect(await completions(DEMO_PERSONAS.employee.id, 'racial-equity-101')).toHaveLength(1);
  });

  it('handles the Action.Submit fallback by updating the card it came from', async () => {
    const sent = await turn(
      submitAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        data: { verb: COMPLETE_TRAINING_VERB, trainingId: 'racial-equity-101' },
        replyToId: 'activity-card-1',
      }),
    );
    expect(connector.requests.map((r) => [r.kind, r.activityId])).toEqual([
      ['update', 'activity-card-1'],
    ]);
    expect(cardText(onlyCard(sent))).toContain(
      'Already recorded: you completed Racial equity foundations',
    );
  });

  it('sends the updated card anew when the Action.Submit press names no card', async () => {
    const sent = await turn(
      submitAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        data: { verb: COMPLETE_TRAINING_VERB, trainingId: 'anti-racism' },
      }),
    );
    expect(connector.requests.map((r) => r.kind)).toEqual([
      expect.stringMatching(/^(send|reply)$/),
    ]);
    expect(cardText(onlyCard(sent))).toContain('opens for you on 2021-05-01');
  });

  it('tells someone not on the roster, politely, whatever they ask', async () => {
    for (const text of ['help', 'my trainings']) {
      const sent = await turn(message({ serviceUrl: serviceUrl(), from: stranger, text }));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text).toMatch(/Sam Stranger, I can't find you on the city's staff roster/);
      expect(sent[0]?.text).toMatch(/ask your Teams administrator/);
      connector.reset();
    }
    const installSent = await turn(botInstalled({ serviceUrl: serviceUrl(), from: stranger }));
    expect(installSent[0]?.text).toMatch(/staff roster/);

    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: stranger,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'racial-equity-101' },
      }),
    );
    expect(cardText(card)).toMatch(/staff roster/);
  });

  it('keeps personal trainings out of group chats and keeps no group reference', async () => {
    const group = {
      serviceUrl: serviceUrl(),
      from: renee,
      conversationType: 'groupChat' as const,
      conversationId: '19:group@thread.v2',
    };
    const before = await reap.store.getConversation(DEMO_PERSONAS.lead.id);
    const sent = await turn(message({ ...group, text: '<at>reap</at> my trainings' }));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.attachments ?? []).toEqual([]);
    expect(sent[0]?.text).toMatch(/only in our 1:1 chat/);
    const intro = await turn(botInstalled(group));
    expect(intro.at(-1)?.text).toMatch(/I'm reap/);
    expect(await reap.store.getConversation(DEMO_PERSONAS.lead.id)).toEqual(before);
  });

  it('answers an unknown card verb with an error, not a crash', async () => {
    const res = await post(
      executeAction({ serviceUrl: serviceUrl(), from: jordan, verb: 'launchRocket', data: {} }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
    });
  });

  it('logs a failed turn and tells the person to try again', async () => {
    const logged = captureLog();
    try {
      // The connector refuses the reply (403, as when a client error is not retried); the apology
      // goes through.
      connector.failNext(1, { status: 403 });
      const activity = message({ serviceUrl: serviceUrl(), from: jordan, text: 'help' });
      const res = await post(activity);
      expect(res.status).toBe(200);
      expect(connector.requests.map((r) => r.status)).toEqual([403, 201]);
      expect(connector.activities().map((a) => a.text)).toEqual([TURN_ERROR_TEXT]);
      expect(logged.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: `message activity ${String(activity.id)} failed`,
          activityId: activity.id,
          activityType: 'message',
        }),
      );

      // An invoke whose turn fails (the store is down) gets a Universal Actions error answer, and
      // the server stays up.
      const down = jest
        .spyOn(reap.store, 'findPersonByAadObjectId')
        .mockRejectedValueOnce(new Error('store unreachable'));
      const answer = await post(
        executeAction({
          serviceUrl: serviceUrl(),
          from: jordan,
          verb: COMPLETE_TRAINING_VERB,
          data: { trainingId: 'racial-equity-101' },
        }),
      );
      down.mockRestore();
      expect(answer.status).toBe(500);
      expect(await answer.json()).toMatchObject({
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: { message: TURN_ERROR_TEXT },
      });
      expect((await fetch(`${reap.url}/healthz`)).status).toBe(200);
    } finally {
      logged.stop();
    }
  });

  it('refuses a malformed card action with 400, before any handler runs', async () => {
    const broken = {
      ...executeAction({ serviceUrl: serviceUrl(), from: jordan, verb: 'x', data: {} }),
      value: {},
    };
    const answer = await post(broken);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest' },
    });
  });

  it('refuses card data with a field it does not know, and records nothing', async () => {
    const before = await completions(DEMO_PERSONAS.employee.id);
    const card = await invoke(
      executeAction({
        serviceUrl: serviceUrl(),
        from: jordan,
        verb: COMPLETE_TRAINING_VERB,
        data: { trainingId: 'anti-racism', personId: DEMO_PERSONAS.lead.id },
      }),
    );
    expect(cardText(card)).toMatch(/nothing was recorded/);
    expect(await completions(DEMO_PERSONAS.employee.id)).toEqual(before);
    expect(await reap.store.listAudit()).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({
          actorId: DEMO_PERSONAS.employee.id,
          after: expect.objectContaining({ trainingId: 'anti-racism' }),
        }),
      ]),
    );
  });
});
