/**
 * The gateway's passwordless sign-in page, for teams that do not build their own: `GET /sign-in` walks email →
 * code → done, and the magic link lands on `GET /sign-in-link?token=…`, which consumes nothing (mail scanners open
 * links): in the browser that asked it offers "Continue", which POSTs; opened elsewhere, it says so and offers the
 * code form. Done means the storefront signs the customer in: the page asks for a Customer Login JWT and sends the
 * browser to the channel's site at `/login/token/{jwt}` (BigCommerce's own browser sign-in route, also Catalyst's),
 * so the gateway never opens a session of its own. Same shape as the reset page (page.ts): no dependency, strict CSP.
 */
import type { Plugin } from 'graphql-yoga';
import { BASE_STYLE, gqlHelper, pageConfig, staticPage } from './page.js';
import { GRAPHQL_PATH, SIGN_IN_LINK_PATH, SIGN_IN_PAGE_PATH } from './paths.js';

export interface SignInPageOptions {
  /** Each served storefront's site, where the browser finishes the sign-in. */
  siteUrls: ReadonlyMap<string, string>;
  defaultStorefrontId: string;
  /** `SIGN_IN_RESEND_COOLDOWN`: the page counts it down before offering "Send a new code". */
  resendCooldownSeconds: number;
  /** `SIGN_IN_CODE_TTL`: coming back to the page within it goes straight to entering the code. */
  codeTtlSeconds: number;
  /**
   * Whether a browser can finish here: the backend hands a sign-in to the storefront's own browser route
   * (BigCommerce's `/login/token/{jwt}`). Without one (Elastic Path), finishing would hand the session's tokens to
   * this page's script, so the page says where sign-in happens instead.
   */
  browserHandoff: boolean;
}

const STYLE = `${BASE_STYLE}
  #code { letter-spacing: .3rem; font-family: ui-monospace, monospace; font-size: 1.4rem; }
`;

const SCRIPT = `
(() => {${gqlHelper(GRAPHQL_PATH)}
  const config = JSON.parse(document.getElementById('config').textContent);
  // \`/sign-in?storefront=2\` (or the older \`?channel=2\`): sign in to another served storefront.
  const query = new URLSearchParams(window.location.search);
  const asked = query.get('storefront') || query.get('channel');
  if (asked && config.siteUrls[asked]) config.storefrontId = asked;
  const $ = (id) => document.getElementById(id);
  const alertBox = $('error');
  const RESULT = '__typename ... on Error { message code } ... on LoginJwtHandoff { customerLoginJwt storefrontId }';
  let email = '';
  // When this browser last asked, and for which address: the page shows the resend cooldown instead of letting a
  // second request vanish into it (the server's answer is the same either way, so only this page can know).
  const LAST_ASKED = 'headless-auth-gateway:sign-in-asked';
  let countdown = null;
  function lastAsked() {
    try { return JSON.parse(sessionStorage.getItem(LAST_ASKED) || 'null'); } catch { return null; }
  }
  function startCountdown(askedAt) {
    clearInterval(countdown);
    const tick = () => {
      const left = Math.ceil((askedAt + config.cooldownSeconds * 1000 - Date.now()) / 1000);
      $('resend').disabled = left > 0;
      $('resend-wait').textContent = left > 0 ? 'You can ask for a new code in ' + left + ' s.' : 'No code? You can ask for a new one.';
      if (left <= 0) clearInterval(countdown);
    };
    tick();
    countdown = setInterval(tick, 1000);
  }
  async function ask(address) {
    const previous = lastAsked();
    // Asking again within the cooldown sends nothing (the server swallows it): keep counting from the first request.
    const askedAt = previous && previous.email === address && Date.now() - previous.at < config.cooldownSeconds * 1000 ? previous.at : Date.now();
    await gql('mutation ($input: RequestSignInCodeInput!) { requestSignInCode(input: $input) { accepted } }',
      { input: { email: address, storefrontId: config.storefrontId } });
    sessionStorage.setItem(LAST_ASKED, JSON.stringify({ email: address, at: askedAt }));
    email = address;
    $('sent-to').textContent = address;
    $('enter-email').hidden = true;
    $('resend-box').hidden = false;
    show('enter');
    startCountdown(askedAt);
  }

  function show(id) {
    for (const step of ['ask', 'enter', 'link', 'done']) $(step).hidden = step !== id;
    const heading = $(id).querySelector('h2, p');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }
  function showError(message) {
    alertBox.textContent = message;
    alertBox.hidden = false;
    alertBox.focus();
  }
  function finish(result) {
    if (result.__typename !== 'LoginJwtHandoff') return showError(result.message);
    const site = config.siteUrls[result.storefrontId];
    show('done');
    window.location.assign(site + '/login/token/' + encodeURIComponent(result.customerLoginJwt));
  }
  async function run(button, work) {
    alertBox.hidden = true;
    button.disabled = true;
    try { await work(); } catch { showError('Something went wrong. Please try again.'); } finally { button.disabled = false; }
  }

  $('ask').addEventListener('submit', (event) => {
    event.preventDefault();
    run(event.submitter || $('ask').querySelector('button'), () => ask($('email').value.trim()));
  });
  $('resend').addEventListener('click', (event) => run(event.currentTarget, () => ask(email)));
  $('other-address').addEventListener('click', () => {
    email = '';
    $('code').value = '';
    show('ask');
  });

  $('enter').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email) email = $('other-email').value.trim();
    run(event.submitter || $('enter').querySelector('button'), async () => {
      const data = await gql('mutation ($input: SignInWithCodeInput!) { signInWithCode(input: $input) { ' + RESULT + ' } }',
        { input: { email, code: $('code').value.trim(), storefrontId: config.storefrontId, mode: 'CUSTOMER_LOGIN_JWT' } });
      finish(data.signInWithCode);
    });
  });

  const token = new URLSearchParams(window.location.search).get('token');
  if (config.link && token) {
    // The token leaves the address bar (history, screenshots); the page keeps it in memory only.
    history.replaceState(null, '', window.location.pathname);
    gql('query ($token: String!) { signInLinkStatus(token: $token) }', { token }).then((data) => {
      const state = data.signInLinkStatus;
      if (state === 'SAME_BROWSER') return show('link');
      $('enter-email').hidden = false;
      $('enter-intro').textContent = state === 'OTHER_BROWSER'
        ? 'This link was opened in another browser than the one where you asked for it. To sign in here, enter your email and the code from the mail.'
        : 'This link is invalid or has expired. Enter the code from the mail, or ask for a new one.';
      show('enter');
      $('ask-again').hidden = false;
    }).catch(() => showError('Something went wrong. Please try again.'));
    $('continue').addEventListener('click', (event) => {
      run(event.currentTarget, async () => {
        const data = await gql('mutation ($input: SignInWithLinkInput!) { signInWithLink(input: $input) { ' + RESULT + ' } }',
          { input: { token, mode: 'CUSTOMER_LOGIN_JWT' } });
        finish(data.signInWithLink);
      });
    });
  } else {
    // Back on the page while the code it asked for can still be used: straight to entering it.
    const previous = lastAsked();
    if (previous && Date.now() - previous.at < config.codeTtlSeconds * 1000) {
      email = previous.email;
      $('sent-to').textContent = email;
      $('email').value = email;
      $('resend-box').hidden = false;
      show('enter');
      startCountdown(previous.at);
    } else {
      show('ask');
    }
  }
  $('ask-again').addEventListener('click', () => { email = ''; show('ask'); });
})();
`;

const BODY = (config: string) => `<h1>Sign in</h1>
${config}
<form id="ask" novalidate hidden>
  <h2>Sign in with a code</h2>
  <p>We will mail you a 6-digit code and a link. No password needed.</p>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="email" required>
  <button type="submit">Send me a code</button>
</form>
<form id="enter" novalidate hidden>
  <h2>Enter your code</h2>
  <p id="enter-intro">If <strong id="sent-to"></strong> has an account, a code is on its way. It is valid for a few minutes.</p>
  <div id="enter-email" hidden>
    <label for="other-email">Email</label>
    <input id="other-email" name="email" type="email" autocomplete="email" required>
  </div>
  <label for="code">6-digit code</label>
  <input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>
  <button type="submit">Sign in</button>
  <div id="resend-box" hidden>
    <p id="resend-wait" role="status"></p>
    <button type="button" id="resend" class="secondary">Send a new code</button>
    <button type="button" id="other-address" class="secondary">Use another address</button>
  </div>
</form>
<div id="link" hidden>
  <h2>Continue to sign in</h2>
  <p>You opened your sign-in link in the browser where you asked for it.</p>
  <button type="button" id="continue">Continue</button>
</div>
<p id="done" role="status" class="box" hidden>Signing you in…</p>
<button type="button" id="ask-again" hidden>Ask for a new code</button>
<div id="error" role="alert" tabindex="-1" hidden></div>`;

const ELSEWHERE_BODY = `<h1>Sign in</h1>
<div class="box" role="status">
  <p>On this store, passwordless sign-in finishes in the storefront, not on this page: the store's sessions are
  tokens that must stay with the storefront's server, and no page script here ever sees them.</p>
  <p>If you followed a link from a sign-in mail, go back to the shop and sign in there with the code from the mail.</p>
</div>`;

export function useSignInPage(options: SignInPageOptions): Plugin {
  const page = (link: boolean) => {
    if (!options.browserHandoff) return staticPage({ title: 'Sign in', style: STYLE, script: '', body: ELSEWHERE_BODY });
    const config = pageConfig({
      link,
      storefrontId: options.defaultStorefrontId,
      siteUrls: Object.fromEntries(options.siteUrls),
      cooldownSeconds: options.resendCooldownSeconds,
      codeTtlSeconds: options.codeTtlSeconds,
    });
    return staticPage({ title: 'Sign in', style: STYLE, script: SCRIPT, body: BODY(config) });
  };
  const pages = new Map([
    [SIGN_IN_PAGE_PATH, page(false)],
    [SIGN_IN_LINK_PATH, page(true)],
  ]);
  return {
    onRequest({ request, url, endResponse }) {
      const found = pages.get(url.pathname);
      if (!found || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      endResponse(found.respond());
    },
  };
}
