/** A small policy for unit tests of the compiler, the decision engine and the DNR compiler. */
export const SOURCE = {
  schemaVersion: 1,
  council: { name: 'Test Council' },
  release: { serial: 1 },
  aup: { title: 'AUP', version: '1', url: 'https://intranet.test/aup', summary: 'Be good.' },
  help: { helpdesk: { name: 'Desk' }, inadvertentAccess: 'Tell us.' },
  reports: { endpoint: null },
  categories: {
    gambling: { title: 'Gambling', clause: 'No gambling.' },
    social: { title: 'Social media', clause: 'Breaks only.' },
    chat: { title: 'Chat', clause: 'No chat.' },
    streaming: { title: 'Streaming', clause: 'Limited.' },
  },
  actionSets: {
    prohibited: { work: 'block', break: 'block', personal: 'block' },
    personal: { work: 'block', break: 'allow-banner', personal: 'allow-banner' },
    limited: { work: 'warn', break: 'allow-banner', personal: 'allow-banner' },
  },
  schedules: {
    office: {
      workingHours: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
      breaks: { fixed: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '12:00-13:00' }] },
      bankHolidays: ['2026-12-25'],
    },
  },
  groups: {
    office: { title: 'Office', default: true, schedule: 'office', categories: { gambling: 'prohibited', social: 'personal', chat: 'prohibited', streaming: 'limited' } },
    public: { title: 'Public PCs', schedule: 'office', categories: { gambling: { work: 'allow', break: 'allow', personal: 'allow' } } },
  },
  exemptions: [{ id: 'ict-chat', reason: 'ICT chat', hosts: ['chat.council.test'] }],
};

export const LISTS = {
  gambling: ['bet.test', 'xn--glcksspiel-beispiel-69b.example'],
  social: ['social.test'],
  chat: ['council.test', 'im.test'],
  streaming: ['video.test', 'social.test'],
};

