import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PERSONAS, generateDemoCity } from '../../src/services/demo/demo-city';
import { tempDir } from '../support/temp-dir';

// js-yaml is what jest and eslint already parse YAML with; declare it as a devDependency.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = path.resolve(__dirname, '..', '..');
const configPath = path.join(root, '.m365agentsplayground.yml');

type PlaygroundUser = {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
};
type PlaygroundConfig = { currentUser: PlaygroundUser; users: PlaygroundUser[] };

const config = yaml.load(fs.readFileSync(configPath, 'utf8')) as PlaygroundConfig;
const city = generateDemoCity();
const byObjectId = new Map(city.people.map((p) => [p.aadObjectId, p]));

describe('.m365agentsplayground.yml', () => {
  it('signs in as the demo employee, Jordan Rivera', () => {
    const person = byObjectId.get(config.currentUser.aadObjectId);
    expect(person?.id).toBe(DEMO_PERSONAS.employee.id);
    expect(config.currentUser.name).toBe(DEMO_PERSONAS.employee.displayName);
  });

  it('includes the lead and the Equity Officer among the users', () => {
    const ids = config.users.map((u) => byObjectId.get(u.aadObjectId)?.id);
    expect(ids).toEqual(expect.arrayContaining([DEMO_PERSONAS.lead.id, DEMO_PERSONAS.officer.id]));
  });

  it.each([config.currentUser, ...config.users].map((u) => [u.name, u] as const))(
    '%s is a person of the demo city with that object id, name and e-mail',
    (_name, user) => {
      const person = byObjectId.get(user.aadObjectId);
      expect(person).toBeDefined();
      expect(user).toMatchObject({
        name: person?.displayName,
        userPrincipleName: person?.upn,
        email: person?.upn,
        givenName: person?.displayName.split(' ')[0],
        surname: person?.displayName.split(' ').slice(1).join(' '),
      });
      expect(user.id).toBe(`29:${person?.id}`);
    },
  );

  it('has the five users the playground requires, each once', () => {
    expect(config.users).toHaveLength(5);
    const ids = [config.currentUser, ...config.users].map((u) => u.aadObjectId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('loaded by the Agents Playground itself', () => {
    let playground: ChildProcess | undefined;
    afterAll(() => {
      playground?.kill('SIGTERM');
    });

    it('starts with it and serves its users', async () => {
      const logDir = tempDir('reap-playground-');
      const child = spawn(
        process.execPath,
        [
          path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
          '--app-endpoint',
          'http://127.0.0.1:9/api/messages',
          '--channel-id',
          'msteams',
          '--port',
          '0',
          '--disable-telemetry',
        ],
        {
          cwd: logDir,
          env: {
            ...process.env,
            TEAMSAPPTESTER_BROWSER: 'none',
            M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
            M365_AGENTS_PLAYGROUND_LOGFILE: path.join(logDir, 'playground.log'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      playground = child;
      let output = '';
      const port = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const m = /Listening on (\d+)/.exec(output);
          if (m?.[1]) resolve(m[1]);
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', (code) => reject(new Error(`playground exited (${code}): ${output}`)));
      });
      // The playground reads and validates the file as it starts listening, and exits on error.
      const exited = new Promise<never>((_resolve, reject) =>
        child.once('exit', (code) => reject(new Error(`playground exited (${code}): ${output}`))),
      );
      const served = (async () => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const res = await fetch(`http://127.0.0.1:${port}/_internal/v1/testConfig`).catch(
            () => undefined,
          );
          if (res?.ok) return (await res.json()) as { config: PlaygroundConfig };
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`playground did not serve its configuration: ${output}`);
      })();
      const loaded = await Promise.race([served, exited]);
      expect(loaded.config.currentUser.aadObjectId).toBe(config.currentUser.aadObjectId);
      expect(loaded.config.users.map((u) => u.aadObjectId)).toEqual(
        config.users.map((u) => u.aadObjectId),
      );
      fs.rmSync(logDir, { recursive: true, force: true });
    });
  });
});
