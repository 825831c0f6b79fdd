import { demoAccountLines } from '../../scripts/local/demo-accounts';
import { DEMO_USERS } from '../../scripts/local/stack';

describe('what npm start prints about the demo accounts', () => {
  it("names each role's email and its web app password, and the token command", () => {
    const text = demoAccountLines(DEMO_USERS).join('\n');
    for (const [role, user] of Object.entries(DEMO_USERS)) {
      expect(text).toContain(`${user.email}   password ${user.password}`);
      expect(text).toContain(`npm run token -- ${role}`);
    }
    expect(text).toContain('sign in to the web app');
  });
});
