import type { LocalizeController } from '../../controllers/localize.js';
import { defineStrings } from '../../i18n/index.js';

/** The messages element's own English strings (the shared ones are in `src/i18n/en.ts`). */
const en = {
  'messages.title': 'Messages',
  'messages.inbox': 'Your conversations',
  'messages.empty': 'No messages yet. Write to your care team when you have a question that can wait.',
  'messages.new': 'New message',
  'messages.refresh': 'Check for new messages',
  'messages.refreshing': 'Checking for new messages…',
  'messages.unread': '{count} unread',
  'messages.unreadOne': '1 unread',
  'messages.with': 'With {names}',
  'messages.topic': 'Topic: {topic}',
  'messages.noSubject': '(No subject)',
  'messages.lastActivity': 'Last message {when}',
  'messages.backToInbox': 'Back to your conversations',
  'messages.you': 'You',
  'messages.withdrawn': 'This message was withdrawn by its sender.',
  'messages.delivered': 'Delivered',
  'messages.unreadMarker': 'New',
  'messages.today': 'Today {time}',
  'messages.yesterday': 'Yesterday {time}',
  'messages.onDay': '{day}, {time}',
  'messages.arrived': 'New messages arrived.',
  'messages.arrivedOne': 'A new message arrived.',
  'messages.threadLoadFailed': 'This conversation could not be opened.',
  'compose.newTitle': 'Write to your care team',
  'compose.replyTitle': 'Reply',
  'compose.to': 'To',
  'compose.chooseRecipient': 'Choose who to write to',
  'compose.noRecipients': 'There is no one you can message online right now. Please call the clinic.',
  'compose.topic': 'Topic',
  'compose.chooseTopic': 'Choose a topic',
  'compose.subject': 'Subject',
  'compose.body': 'Your message',
  'compose.counter': '{count} of {max} characters',
  'compose.tooLong': 'Your message is {over} characters too long. Shorten it to send it.',
  'compose.required': 'Write your message before sending it.',
  'compose.recipientRequired': 'Choose who to write to.',
  'compose.emergency': 'Do not use messages for emergencies. If you need help now, call 911.',
  'compose.replyBy': 'Your care team usually answers within {days} business days: expect a reply by {date}.',
  'compose.replyByOne': 'Your care team usually answers within 1 business day: expect a reply by {date}.',
  'compose.billing': 'A message that needs a medical evaluation may be billed to your insurance, as a visit would.',
  'compose.send': 'Send',
  'compose.sending': 'Sending…',
  'compose.cancel': 'Cancel',
  'compose.draftRestored': 'We kept what you were writing. It is saved on this device only until you send it.',
  'compose.draftSaved': 'Saved on this device',
  'send.sent': 'Your message was sent.',
  'send.failed': 'Your message was not sent. Nothing you wrote is lost.',
  'send.unknown': 'We could not tell whether your message was sent: the connection dropped. Press “Send” again: it will not be sent twice.',
  'send.retry': 'Send again',
  'send.offline': 'You are offline. Your message will be sent when the connection returns.',
} as const;

export type MessagesKey = keyof typeof en;
export type MessagesCatalogue = Record<MessagesKey, string>;

export const messagesStrings = /* @__PURE__ */ defineStrings<MessagesKey>(en, {
  es: () => import('./strings.es.js').then((m) => m.es),
});

/** The messages element's localisation: its own strings and the shared ones. */
export type MessagesL10n = LocalizeController<MessagesKey>;
