/**
 * `GET /reset-password`: the default reset page. Small, accessible and dependency-free: new password twice, the
 * merged policy checked live, errors from the typed results. It calls resetPassword with the handoff cookie, so
 * the token never appears in the page, its URL or its script. Strict CSP: only its own inline script and style,
 * by hash; no third-party resource.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { GRAPHQL_PATH, RESET_PAGE_PATH } from './paths.js';

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { max-width: 26rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; margin-top: .25rem; }
  button { margin-top: 1.25rem; padding: .7rem 1.2rem; font-size: 1rem; cursor: pointer; }
  ul { padding-left: 1.2rem; }
  li[data-ok="true"] { color: #1a7f37; }
  li[data-ok="true"]::marker { content: "✓ "; }
  li[data-ok="false"]::marker { content: "• "; }
  [role="alert"] { margin-top: 1rem; padding: .75rem; border-radius: .25rem; background: #fdecea; color: #611a15; }
  [role="status"] { margin-top: 1rem; padding: .75rem; border-radius: .25rem; background: #e6f4ea; color: #0d3b1e; }
  [hidden] { display: none; }
`;

const SCRIPT = `
(() => {
  const endpoint = ${JSON.stringify(GRAPHQL_PATH)};
  const form = document.getElementById('reset');
  const password = document.getElementById('password');
  const confirmation = document.getElementById('confirmation');
  const rulesList = document.getElementById('rules');
  const alertBox = document.getElementById('error');
  const done = document.getElementById('done');
  let checks = [];

  async function gql(query, variables) {
    const response = await fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
    return body.data;
  }

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

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const CSP = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Choose a new password</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Choose a new password</h1>
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
<div id="done" role="status" tabindex="-1" hidden>Your password has been changed. You can now sign in with it.</div>
</main>
<script>${SCRIPT}</script>
</body>
</html>`;

export function useResetPage(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== RESET_PAGE_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(
        new Response(PAGE, {
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': CSP,
            'referrer-policy': 'no-referrer',
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            'x-frame-options': 'DENY',
          },
        }),
      );
    },
  };
}
