/**
 * `GET /reset-password`: the default reset page. Small, accessible and dependency-free. On load it asks what the
 * link in the handoff cookie is worth (`passwordResetTokenStatus`): a usable one gets the form, anything else (no
 * link, expired, used, superseded) gets a way to ask for a new link in place, never a form that cannot work. Every
 * rule the server applies is shown before submit, checked live where the page can (the common-password list is
 * explained, and checked on submit), each failure is reported once, and success leads on to signing in. The token
 * never appears in the page, its URL or its script. Strict CSP (page.ts).
 */
import type { Plugin } from 'graphql-yoga';
import { BASE_STYLE, gqlHelper, pageConfig, staticPage } from './page.js';
import { GRAPHQL_PATH, RESET_PAGE_PATH } from './paths.js';

export interface ResetPageOptions {
  /** Offered once the password is changed (`SIGN_IN_URL`). */
  signInUrl: string;
}

const STYLE = `${BASE_STYLE}
  #rules li { margin: .15rem 0; }
  #rules li[data-ok="true"] { color: var(--ok); }
  #rules li[data-ok="true"]::marker { content: "✓ "; }
  #rules li[data-ok="false"]::marker { content: "• "; }
  #rules li[data-ok="note"]::marker { content: "ℹ "; }
`;

const SCRIPT = `
(() => {${gqlHelper(GRAPHQL_PATH)}
  const config = JSON.parse(document.getElementById('config').textContent);
  const $ = (id) => document.getElementById(id);
  const form = $('reset'), password = $('password'), confirmation = $('confirmation'), username = $('username');
  const alertBox = $('error');
  let checks = [];

  function show(id) {
    for (const part of ['checking', 'reset', 'request', 'done']) $(part).hidden = part !== id;
    const heading = $(id).querySelector('h2');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }
  function showError(message, details) {
    alertBox.replaceChildren();
    if (details && details.length) {
      alertBox.append(document.createTextNode('The password was not accepted:'));
      const ul = document.createElement('ul');
      for (const d of details) { const li = document.createElement('li'); li.textContent = d; ul.append(li); }
      alertBox.append(ul);
    } else {
      alertBox.textContent = message;
    }
    alertBox.hidden = false;
    alertBox.focus();
  }
  function offerNewLink(message) {
    $('request-why').textContent = message;
    show('request');
  }

  const count = (text, pattern) => (text.match(pattern) || []).length;
  function rule(text, test) { return { text, test }; }
  function buildChecks(p) {
    const list = [rule('At least ' + p.minLength + ' characters', (v) => [...v].length >= p.minLength),
                  rule('At most ' + p.maxLength + ' characters', (v) => [...v].length <= p.maxLength)];
    if (p.requireLowerCase) list.push(rule('A lowercase letter', (v) => /\\p{Ll}/u.test(v)));
    if (p.requireUpperCase) list.push(rule('An uppercase letter', (v) => /\\p{Lu}/u.test(v)));
    if (p.requireLetter) list.push(rule('A letter', (v) => /\\p{L}/u.test(v)));
    const some = (n, one, many) => (n === 1 ? 'A ' + one : 'At least ' + n + ' ' + many);
    if (p.minimumNumbers > 0) list.push(rule(some(p.minimumNumbers, 'number', 'numbers'), (v) => count(v, /\\p{Nd}/gu) >= p.minimumNumbers));
    if (p.minimumSpecialCharacters > 0) list.push(rule(some(p.minimumSpecialCharacters, 'special character', 'special characters'), (v) => count(v, /[^\\p{L}\\p{Nd}\\s]/gu) >= p.minimumSpecialCharacters));
    // Rules about what a password must not contain are met by an empty one: only what is missing is "not met yet".
    list.push(rule('No control characters', (v) => !/\\p{Cc}/u.test(v)));
    if (p.rejectEmailLocalPart) list.push(rule('Not containing your email address (the part before the @)', (v) => {
      const local = username.value.split('@')[0].normalize('NFKC').toLowerCase();
      return local.length < 3 || !v.toLowerCase().includes(local);
    }));
    if (p.rejectCommon) list.push({ text: 'Not one of the commonly used passwords (checked when you submit)', note: true });
    list.push(rule('Both fields match', (v) => v.length > 0 && v === confirmation.value.normalize('NFKC')));
    return list;
  }
  function render() {
    const value = password.value.normalize('NFKC');
    $('rules').replaceChildren(...checks.map((c) => {
      const li = document.createElement('li');
      const state = c.note ? 'note' : String(c.test(value));
      li.dataset.ok = state;
      li.append(document.createTextNode(c.text));
      if (!c.note) {
        const said = document.createElement('span');
        said.className = 'visually-hidden';
        said.textContent = state === 'true' ? ' (met)' : ' (not met yet)';
        li.append(said);
      }
      return li;
    }));
  }
  for (const input of [password, confirmation, username]) input.addEventListener('input', render);

  const statusQuery = gql('query { passwordResetTokenStatus { status account { maskedEmail } } }');
  const policyQuery = gql('query { passwordPolicy { minLength maxLength requireLowerCase requireUpperCase requireLetter minimumNumbers minimumSpecialCharacters rejectCommon rejectEmailLocalPart } }');
  Promise.all([statusQuery, policyQuery]).then(([status, policy]) => {
    checks = buildChecks(policy.passwordPolicy);
    render();
    const state = status.passwordResetTokenStatus.status;
    const account = status.passwordResetTokenStatus.account;
    if (account) {
      // Named before anything changes: a link someone planted in this browser would name their account, not yours.
      $('account-email').textContent = account.maskedEmail;
      $('account').hidden = false;
    }
    if (state === 'VALID' || state === 'UNKNOWN') return show('reset');
    offerNewLink({
      EXPIRED: 'This password reset link has expired.',
      USED: 'This password reset link has already been used.',
    }[state] || 'This password reset link is invalid or has expired, or this page was opened without one.');
  }).catch(() => offerNewLink('Something went wrong while checking your link.'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    alertBox.hidden = true;
    if (password.value !== confirmation.value) return showError('The two passwords do not match.');
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const data = await gql(
        'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ' +
        '... on Error { message code } ... on PasswordPolicyError { failures { message } } } }',
        { input: { newPassword: password.value } },
      );
      const result = data.resetPassword;
      if (result.__typename === 'ResetPasswordSuccess') return show('done');
      if (['INVALID_RESET_TOKEN', 'PASSWORD_NOT_CHANGED', 'PASSWORD_CHANGE_UNCONFIRMED'].includes(result.code)) return offerNewLink(result.message);
      showError(result.message, (result.failures || []).map((f) => f.message));
    } catch {
      showError('Something went wrong. Please try again.');
    } finally {
      button.disabled = false;
    }
  });

  $('request').addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = $('request').querySelector('button');
    button.disabled = true;
    try {
      const data = await gql('mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { message } }',
        { input: { email: $('request-email').value.trim() } });
      $('requested').textContent = data.requestPasswordReset.message;
      $('requested').hidden = false;
    } catch (error) {
      $('requested').textContent = error.message || 'Something went wrong. Please try again.';
      $('requested').hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  $('sign-in').href = config.signInUrl;
})();
`;

const BODY = `<h1>Choose a new password</h1>
<p id="checking" role="status">Checking your link…</p>
<form id="reset" novalidate hidden>
  <h2 class="visually-hidden">New password</h2>
  <p id="account" class="notice" hidden>This link changes the password of <strong id="account-email"></strong>. If that is not your account, stop here and close this page.</p>
  <label for="username">Email <span class="hint">(optional: lets your password manager save the new password)</span></label>
  <input id="username" name="username" type="email" autocomplete="username">
  <label for="password">New password</label>
  <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="rules-title">
  <label for="confirmation">Repeat the new password</label>
  <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
  <p id="rules-title">Your password needs:</p>
  <ul id="rules" aria-live="polite"></ul>
  <button type="submit">Set new password</button>
  <div id="error" role="alert" tabindex="-1" hidden></div>
</form>
<form id="request" novalidate hidden>
  <h2>Get a new link</h2>
  <p id="request-why"></p>
  <label for="request-email">Email</label>
  <input id="request-email" name="email" type="email" autocomplete="email" required>
  <button type="submit">Send me a new link</button>
  <p id="requested" role="status" class="box" hidden></p>
</form>
<div id="done" hidden>
  <h2>Password changed</h2>
  <p role="status" class="box">Your password has been changed.</p>
  <p><a id="sign-in" href="/">Sign in</a></p>
</div>`;

export function useResetPage(options: ResetPageOptions): Plugin {
  const page = staticPage({ title: 'Choose a new password', style: STYLE, script: SCRIPT, body: `${pageConfig(options)}\n${BODY}` });
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== RESET_PAGE_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(page.respond());
    },
  };
}
