import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { LockOpen16Regular } from '@fluentui/react-icons';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { OpenWaveRequest, Wave, WaveView } from '../../api/api-types';
import { peopleText, waveName } from '../../text/campaign-text';
import { formatPlanDate } from '../../text/plan-text';
import { useOpenWaveDialogStyles } from './OpenWaveDialog.styles';

export type OpenWaveDialogProps = {
  api: ApiClient;
  wave: WaveView;
  /** The earlier wave that has not opened, when `wave.blockedBy` names one. */
  blockedBy?: WaveView;
  /** The wave is open: the server's record of it. */
  onOpened: (wave: Wave) => void;
};

/** What the server said was wrong: next to the field it names, or above the form. */
type Problem = { field?: 'dueOn' | 'overrideReason'; message: string };

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) {
    const { field } = error.details;
    if (error.status === 400 && (field === 'dueOn' || field === 'overrideReason')) {
      return { field, message: error.message };
    }
    if (error.status === 0) return { message: `${error.message} Nothing was changed.` };
    return { message: error.message };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * "Open wave": a due date, and, when the wave before it has not opened, the reason for opening
 * this one first (the server keeps it on the wave). The server checks both; what it refuses is
 * shown next to the field it names and the dialog stays open.
 */
export function OpenWaveDialog({ api, wave, blockedBy, onOpened }: OpenWaveDialogProps) {
  const styles = useOpenWaveDialogStyles();
  const [open, setOpen] = useState(false);
  const [dueOn, setDueOn] = useState(wave.dueOn);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const dueOnRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const name = `${wave.trainingTitle}, ${waveName(wave)}`;
  const outOfOrder = wave.blockedBy !== undefined;

  const reset = () => {
    setDueOn(wave.dueOn);
    setReason('');
    setProblem(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(undefined);
    const body: OpenWaveRequest = { dueOn };
    // The server decides whether a reason is needed and whether it is enough; a blank one is left
    // out, so its answer says why a reason is needed rather than that the field is empty.
    if (outOfOrder && reason.trim()) body.overrideReason = reason;
    try {
      const { wave: opened } = await api.post<{ wave: Wave }>(
        `/api/waves/${encodeURIComponent(wave.id)}/open`,
        body,
      );
      setOpen(false);
      reset();
      onOpened(opened);
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      // Take the person to what needs fixing.
      if (found.field === 'dueOn') dueOnRef.current?.focus();
      if (found.field === 'overrideReason') reasonRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  const fieldProblem = (field: NonNullable<Problem['field']>) =>
    problem && problem.field === field ? problem.message : undefined;

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (saving) return;
        setOpen(data.open);
        if (!data.open) reset();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<LockOpen16Regular />} aria-label={`Open wave: ${name}`}>
          Open wave
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>Open {waveName(wave).toLowerCase()}</DialogTitle>
            <DialogContent className={styles.content}>
              <p className={styles.text}>
                {wave.trainingTitle}: the wave opens today for its {peopleText(wave.people)}, who
                can then confirm the training. The plan had it opening on{' '}
                {formatPlanDate(wave.opensOn)}.
              </p>
              {problem && !problem.field && (
                <MessageBar intent="error" layout="multiline" role="alert">
                  <MessageBarBody>{problem.message}</MessageBarBody>
                </MessageBar>
              )}
              <Field
                label="Due date"
                required
                hint="The day everyone in this wave should have taken the training by; the plan's date is filled in."
                validationMessage={fieldProblem('dueOn')}
              >
                <Input
                  ref={dueOnRef}
                  type="date"
                  value={dueOn}
                  onChange={(_e, data) => setDueOn(data.value)}
                />
              </Field>
              {outOfOrder && (
                <>
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      {blockedBy
                        ? `${waveName(blockedBy)} has not opened yet`
                        : 'The wave before this one has not opened yet'}
                      . You can open this wave first, but say why: the reason is kept with the wave
                      and shown to anyone who looks at it.
                    </MessageBarBody>
                  </MessageBar>
                  <Field
                    label="Reason for opening out of order"
                    required
                    validationMessage={fieldProblem('overrideReason')}
                  >
                    <Textarea
                      ref={reasonRef}
                      value={reason}
                      resize="vertical"
                      onChange={(_e, data) => setReason(data.value)}
                    />
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={saving}>Cancel</Button>
              </DialogTrigger>
              <Button
                type="submit"
                appearance="primary"
                disabledFocusable={saving}
                icon={saving ? <Spinner size="extra-tiny" /> : undefined}
              >
                {saving ? 'Opening…' : 'Open wave'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
