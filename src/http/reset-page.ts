/**
 * `GET /reset-password`: the default reset page. Small, accessible and dependency-free: new password twice, the
 * merged policy checked live, errors from the typed results. It calls resetPassword with the handoff cookie, so
 * the token never appears in the page, its URL or its script. Strict CSP: only its own inline script and style,
 * by hash; no third-party resource.
 */
import type { Plugin } from 'graphql-yoga';
import { BASE_STYLE, gqlHelper, staticPage } from './page.js';
import { GRAPHQL_PATH, RESET_PAGE_PATH } from './paths.js';

const STYLE = `${BASE_STYLE}
  li[data-ok="true"] { color: #1a7f37; }
  li[data-ok="true"]::marker { content: "✓ "; }
  li[data-ok="false"]::marker { content: "• "; }
`;

const SCRIPT = `
(() => {${gqlHelper(GRAPHQL_PATH)}
  const form = document.getElementById('reset');
  const password = document.getElementById('password');
  const confirmation = document.getElementById('confirmation');
  const rulesList = document.getElementById('rules');
  const alertBox = document.getElementById('error');
  const done = document.getElementById('done');
  let checks = [];

  function rule(text, test) { return { text, test }; }
  function count(text, pattern) { return (text.match(pattern) || []).length; }

  function buildChecks(p) {
    const list = [rule('At least ' + p.minLength + ' characters', (v) => [...v].length >= p.minLength),
                  rule('At most ' + p.maxLength + ' characters', (v) => [...v].length <= p.maxLength)];
    if (p.requireLowerCase) list.push(rule('A lowercase letter', (v) => /\\p{Ll}/u.test(v)));
    if (p.requireUpperCase) list.push(rule('An uppercase letter', (v) => /\\p{Lu}/u.test(v)));
    if (p.requireLetter) list.push(rule('A letter', (v) => /\\p{L}/u.test(v)));
    if (p.minimumNumbers > 0) list.push(rule('At least ' + p.minimumNumbers + ' number(s)', (v) => count(v, /\\p{Nd}/gu) >= p.minimumNumbers));
    if (p.minimumSpecialCharacters > 0) list.push(rule('At least ' + p.minimumSpecialCharacters + ' special character(s)', (v) => count(v, /[^\\p{L}\\p{Nd}\\s]/gu) >= p.minimumSpecialCharacters));
    list.push(rule('Both fields match', (v) => v.length > 0 && v === confirmation.value));
    return list;
  }

  function render() {
    const value = password.value.normalize('NFKC');
    rulesList.replaceChildren(...checks.map((c) => {
      const li = document.createElement('li');
      li.textContent = c.text;
      li.dataset.ok = String(c.test(value));
      return li;
    }));
  }

  function showError(message, details) {
    alertBox.replaceChildren(document.createTextNode(message));
    if (details && details.length) {
      const ul = document.createElement('ul');
      for (const d of details) { const li = document.createElement('li'); li.textContent = d; ul.append(li); }
      alertBox.append(ul);
    }
    alertBox.hidden = false;
    alertBox.focus();
  }

  password.addEventListener('input', render);
  confirmation.addEventListener('input', render);

  gql('query { passwordPolicy { minLength maxLength requireLowerCase requireUpperCase requireLetter minimumNumbers minimumSpecialCharacters } }')
    .then((data) => { checks = buildChecks(data.passwordPolicy); render(); })
    .catch(() => { checks = []; });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alertBox.hidden = true;
    if (password.value !== confirmation.value) return showError('The two passwords do not match.');
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const data = await gql(
        'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ' +
        '... on Error { message code } ... on PasswordPolicyError { failures { message } } ' +
        '... on RateLimitedError { retryAfterSeconds } } }',
        { input: { newPassword: password.value } },
      );
      const result = data.resetPassword;
      if (result.__typename === 'ResetPasswordSuccess') {
        form.hidden = true;
        done.hidden = false;
        done.focus();
      } else {
        showError(result.message, (result.failures || []).map((f) => f.message));
      }
    } catch (error) {
      showError('Something went wrong. Please try again.');
    } finally {
      button.disabled = false;
    }
  });
})();
`;

const PAGE = staticPage({
  title: 'Choose a new password',
  style: STYLE,
  script: SCRIPT,
  body: `<h1>Choose a new password</h1>
<form id="reset" novalidate>
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="rules-title">
  <label for="confirmation">Repeat the new password</label>
  <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
  <p id="rules-title">Your password needs:</p>
  <ul id="rules" aria-live="polite"></ul>
  <button type="submit">Set new password</button>
  <div id="error" role="alert" tabindex="-1" hidden></div>
</form>
<div id="done" role="status" tabindex="-1" hidden>Your password has been changed. You can now sign in with it.</div>`,
});

export function useResetPage(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== RESET_PAGE_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(PAGE.respond());
    },
  };
}
