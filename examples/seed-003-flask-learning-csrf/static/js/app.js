// Small client for the JSON API. Every state-changing request carries the CSRF token.
(function () {
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  async function api(method, url, body) {
    const headers = { 'X-CSRFToken': csrfToken() };
    let payload = body;
    if (body && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || 'Request failed');
    return data;
  }

  window.learnApi = {
    login: (username, password) => api('POST', '/api/login', { username, password }),
    register: (username, email, password) => api('POST', '/api/register', { username, email, password }),
    logout: () => api('POST', '/api/logout'),
    completeLesson: (id) => api('POST', `/api/progress/${id}`),
    uploadAvatar: (file) => {
      const form = new FormData();
      form.append('avatar', file);
      return api('POST', '/api/profile/avatar', form);
    },
  };

  document.addEventListener('click', (event) => {
    const id = event.target.getAttribute && event.target.getAttribute('data-complete-lesson');
    if (!id) return;
    window.learnApi.completeLesson(id).then(() => {
      event.target.disabled = true;
      event.target.textContent = 'Completed';
    });
  });
})();
