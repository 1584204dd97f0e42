import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import { Send16Regular } from '@fluentui/react-icons';
import { useId, useState, type Ref } from 'react';
import { ApiError, type ApiClient } from '../../api/api-client';
import type { CampaignSummary, WaveView } from '../../api/api-types';
import { peopleText, waveName } from '../../text/campaign-text';
import { formatCount } from '../../text/plan-text';
import { useSendRemindersDialogStyles } from './SendRemindersDialog.styles';

export type SendRemindersDialogProps = {
  api: ApiClient;
  wave: WaveView;
  /** The campaign started: the server's record of it. */
  onStarted: (campaign: CampaignSummary) => void;
  /** The "Send reminders" button, for the page to move focus to it. */
  triggerRef?: Ref<HTMLButtonElement>;
};

/** Why reminders cannot be sent now, in words; undefined when they can. */
function unavailable(wave: WaveView, unconfirmed: number): string | undefined {
  if (wave.campaignRunning) {
    return 'Reminders for this wave are being sent now. You can send again once they are done.';
  }
  if (unconfirmed === 0) return 'Everyone in this wave has confirmed; nobody needs a reminder.';
  return undefined;
}

/**
 * "Send reminders" for an open or past-due wave: says how many people will get one (everyone in
 * the wave who has not confirmed), then starts the campaign. While the wave's last campaign is
 * still sending, the button stays reachable but disabled, with the reason written beside it.
 */
export function SendRemindersDialog({
  api,
  wave,
  onStarted,
  triggerRef,
}: SendRemindersDialogProps) {
  const styles = useSendRemindersDialogStyles();
  const whyId = useId();
  const [open, setOpen] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const unconfirmed = Math.max(0, wave.people - wave.confirmed);
  const why = unavailable(wave, unconfirmed);
  const name = `${wave.trainingTitle}, ${waveName(wave)}`;

  const send = async () => {
    if (sending) return;
    setSending(true);
    setProblem(undefined);
    try {
      const { campaign } = await api.post<{ campaign: CampaignSummary }>('/api/campaigns', {
        waveId: wave.id,
      });
      setOpen(false);
      onStarted(campaign);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 0
          ? `${error.message} No reminder was sent.`
          : error instanceof Error
            ? error.message
            : String(error),
      );
    } finally {
      setSending(false);
    }
  };

  return (
    // The trigger stays the same element when it becomes disabled, so focus returns to it.
    <div className={styles.trigger}>
      <Dialog
        open={open}
        onOpenChange={(_event, data) => {
          if (sending) return;
          setOpen(data.open);
          setProblem(undefined);
        }}
      >
        <DialogTrigger disableButtonEnhancement>
          <Button
            ref={triggerRef}
            icon={<Send16Regular />}
            disabledFocusable={why !== undefined}
            aria-label={`Send reminders: ${name}`}
            aria-describedby={why ? whyId : undefined}
          >
            Send reminders
          </Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Send reminders?</DialogTitle>
            <DialogContent className={styles.content}>
              <p className={styles.text} data-testid="send-reminders-count">
                {peopleText(unconfirmed)} in {waveName(wave).toLowerCase()} of {wave.trainingTitle}{' '}
                {unconfirmed === 1 ? 'has' : 'have'} not confirmed the training yet.{' '}
                {unconfirmed === 1 ? 'They' : 'Each of them'} will get a reminder in their Teams
                chat with reap, with a button to confirm it.
              </p>
              <p className={styles.text}>
                The {formatCount(wave.confirmed)} who already confirmed get nothing. Sending takes a
                while for a large wave; you can follow it below.
              </p>
              {problem && (
                <MessageBar intent="error" layout="multiline" role="alert">
                  <MessageBarBody>{problem}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button disabledFocusable={sending}>Cancel</Button>
              </DialogTrigger>
              <Button
                appearance="primary"
                disabledFocusable={sending}
                icon={sending ? <Spinner size="extra-tiny" /> : <Send16Regular />}
                onClick={() => void send()}
              >
                {sending ? 'Starting…' : `Send to ${peopleText(unconfirmed)}`}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {why && (
        <span id={whyId} className={styles.why}>
          {why}
        </span>
      )}
    </div>
  );
}
