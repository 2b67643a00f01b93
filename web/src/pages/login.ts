// The sign-in page: username and password; the session lives in an HttpOnly cookie.
import { signIn } from '../api';
import { el } from '../dom';
import { t } from '../i18n';

export function renderLogin(root: HTMLElement, reason: string, onSignedIn: () => void): void {
  const username = el('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: '' });
  const password = el('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const message = el('p', { class: 'banner error', 'data-testid': 'login-error', style: reason ? '' : 'display:none' }, reason);
  const submit = el('button', { type: 'submit', id: 'login-submit' }, t('signIn'));
  const form = el('form', { class: 'login-form', 'data-testid': 'login-form' },
    el('label', {}, t('username'), username), el('label', {}, t('password'), password), submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.setAttribute('disabled', '');
    try {
      await signIn(username.value.trim(), password.value);
      onSignedIn();
    } catch (err) {
      message.textContent = (err as Error).message;
      message.style.display = '';
      password.value = '';
    } finally {
      submit.removeAttribute('disabled');
    }
  });
  root.replaceChildren(el('h1', {}, t('signIn')), message, form, el('p', { class: 'note' }, t('signInNote')));
  username.focus();
}
