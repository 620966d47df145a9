'use strict';
// Shared by the BAMS3 pages. Every piece of data goes into the page through textContent or
// setAttribute, never as HTML: dataset ids are names found in storage.
const Bams3 = (() => {
    const baseMeta = document.querySelector('meta[name="bams3-base"]');
    // the server's root as the browser sees it (a proxy's path prefix included)
    const base = new URL(baseMeta ? baseMeta.getAttribute('content') : './', window.location.href);
    const TOKEN_KEY = 'bams3.token';

    function url(path) {
        return new URL(path, base).href;
    }

    function encodeId(id) {
        return id.split('/').map(encodeURIComponent).join('/');
    }

    function token() {
        return window.sessionStorage.getItem(TOKEN_KEY) || '';
    }

    function authHeaders() {
        const t = token();
        return t ? {Authorization: 'Bearer ' + t} : {};
    }

    /** Fetches JSON from this server; a failure becomes an Error whose message is the server's. */
    async function getJson(path) {
        let response;
        try {
            response = await fetch(url(path), {headers: Object.assign({Accept: 'application/json'}, authHeaders())});
        } catch (e) {
            throw new Error('the server did not answer');
        }
        let body = null;
        try {
            body = await response.json();
        } catch (e) {
            body = null;
        }
        if (!response.ok) {
            const message = body && body.htsget && body.htsget.message
                ? body.htsget.message
                : 'the server answered ' + response.status;
            const error = new Error(message);
            error.status = response.status;
            throw error;
        }
        return body;
    }

    /** An element with attributes and text, built without HTML parsing. */
    function el(tag, attributes, text) {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attributes || {})) {
            e.setAttribute(k, v);
        }
        if (text !== undefined && text !== null) {
            e.textContent = String(text);
        }
        return e;
    }

    function showError(element, message) {
        element.textContent = message;
        element.hidden = false;
    }

    function formatBytes(n) {
        const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
        let i = 0;
        let v = n;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + units[i];
    }

    function formatCount(n) {
        return Number(n).toLocaleString('en-US');
    }

    /** The token field: kept in sessionStorage (this tab only), sent as a bearer token. */
    function initTokenBox(onChange) {
        const input = document.getElementById('token-input');
        const state = document.getElementById('token-state');
        const show = () => {
            state.textContent = token() ? 'a token is set for this tab' : 'no token';
        };
        document.getElementById('token-box').addEventListener('submit', e => {
            e.preventDefault();
            window.sessionStorage.setItem(TOKEN_KEY, input.value.trim());
            input.value = '';
            show();
            onChange();
        });
        document.getElementById('token-clear').addEventListener('click', () => {
            window.sessionStorage.removeItem(TOKEN_KEY);
            input.value = '';
            show();
            onChange();
        });
        show();
    }

    return {url, encodeId, token, authHeaders, getJson, el, showError, formatBytes, formatCount, initTokenBox};
})();
