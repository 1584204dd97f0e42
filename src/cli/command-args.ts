import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` gives for `options`, strictly and without positionals. */
export type CommandValues<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>['values'];

/**
 * A command's options, parsed strictly; undefined when the command is to stop there: `--help`
 * printed the usage (exit 0), or an unknown option or a missing `required` one printed what is
 * wrong and the usage (exit 2). Every reap command answers its arguments the same way.
 * @param name the command's name, prefixed to its messages (`report: --year is required`).
 */
export function commandArgs<O extends Options>(
  name: string,
  usage: string,
  options: O,
  required: ReadonlyArray<keyof O & string> = [],
): CommandValues<O> | undefined {
  let values: CommandValues<O>;
  try {
    values = parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
  if ((values as Record<string, unknown>).help) {
    console.log(usage);
    return undefined;
  }
  const missing = required.find(
    (option) => (values as Record<string, unknown>)[option] === undefined,
  );
  if (missing !== undefined) {
    console.error(`${name}: --${missing} is required\n\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
  return values;
}
