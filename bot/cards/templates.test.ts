import fs from 'node:fs';
import path from 'node:path';
import { cardProblems } from '../../tests/bot/validate-card';

const templates = fs.readdirSync(__dirname).filter((f) => f.endsWith('.json'));

describe('card templates', () => {
  it('finds the templates', () => {
    expect(templates).toEqual(
      expect.arrayContaining(['my-trainings.json', 'welcome.json', 'help.json', 'notice.json']),
    );
  });

  it.each(templates)('%s is an Adaptive Card 1.5 the SDK parses without problems', (file) => {
    const card = JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8')) as {
      type: string;
      version: string;
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(cardProblems(card, { template: true })).toEqual([]);
  });

  it.each(templates)('%s has a view model module beside it that imports it', (file) => {
    const module = path.join(__dirname, file.replace(/\.json$/, '-card.ts'));
    expect(fs.existsSync(module)).toBe(true);
    expect(fs.readFileSync(module, 'utf8')).toContain(`from './${file}'`);
  });
});
