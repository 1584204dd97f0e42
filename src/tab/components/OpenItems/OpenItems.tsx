import { Link } from '@fluentui/react-components';
import { Chat16Regular } from '@fluentui/react-icons';
import type { MouseEvent } from 'react';
import type { OpenItem } from '../../api/api-types';
import { botChatLink } from '../../host/tab-address';
import { useOpenItemsStyles } from './OpenItems.styles';

export type OpenItemsProps = {
  /** The department's open items, as `GET /api/my/plan` lists them. */
  items: OpenItem[];
  /** The reap bot's app id; with it, a link opens the chat with the bot. */
  botId?: string;
  /** Opens a Teams deep link inside Teams; without it the link opens in a new browser tab. */
  openLink?: (url: string) => Promise<void>;
};

/** A stable key per item: the record it is about where it has one. */
function itemKey(item: OpenItem, index: number): string {
  switch (item.kind) {
    case 'toolkit':
      return `toolkit-${item.analysisId}`;
    case 'training':
      return `training-${item.waveId}`;
    default:
      return `${item.kind}-${index}`;
  }
}

/**
 * What a department's leads and Ambassadors have left to do, each with the words to type to the
 * reap bot to act on it (the forms live in the chat), and a link to that chat.
 */
export function OpenItems({ items, botId, openLink }: OpenItemsProps) {
  const styles = useOpenItemsStyles();
  const chat = botId ? botChatLink(botId) : undefined;
  const openChat = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!openLink || !chat) return;
    // Inside Teams a deep link is opened by Teams, in the app, not in a browser window.
    event.preventDefault();
    openLink(chat).catch((error: unknown) =>
      console.warn('reap: Teams did not open the chat', error),
    );
  };
  return (
    <>
      {chat && (
        <p className={styles.chat}>
          <Chat16Regular aria-hidden />
          <Link
            href={chat}
            target="_blank"
            rel="noreferrer"
            onClick={openChat}
            data-testid="bot-chat-link"
          >
            Open your chat with the reap bot
          </Link>
        </p>
      )}
      {items.length === 0 ? (
        <p className={styles.none} data-testid="open-items-none">
          Nothing is open: your department has done everything the plan asks of it so far.
        </p>
      ) : (
        <ul className={styles.list} data-testid="open-items">
          {items.map((item, index) => (
            <li
              key={itemKey(item, index)}
              className={styles.item}
              data-testid="open-item"
              data-kind={item.kind}
            >
              <p className={styles.text}>{item.text}</p>
              {item.kind === 'strategies' && (
                <ul className={styles.detail}>
                  {item.strategies.map((s) => (
                    <li key={s.id}>
                      {s.id}: {s.area}
                    </li>
                  ))}
                </ul>
              )}
              <p className={styles.command} data-testid="open-item-command">
                Type <kbd className={styles.keyword}>{item.command}</kbd> to the reap bot
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
