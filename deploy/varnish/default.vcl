# Varnish in front of Broadsheet: a shared cache for signed-out readers, purged by surrogate
# key (the xkey module, Debian's varnish-modules) when Broadsheet queues a purge. Start the
# app processes with --purge-url http://127.0.0.1:6081/ (this cache's address). See README.md
# beside this file.
vcl 4.1;

import directors;
import xkey;

# The app processes (`broadsheet serve`), taken out of rotation while /healthz fails.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = healthz;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = healthz;
}

# Who may purge: Broadsheet's processes, on this machine.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Broadsheet sends the keys space-separated in xkey-purge (xkey: the module's own name).
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey) {
            set req.http.x-purged = xkey.purge(req.http.xkey);
        } else {
            return (synth(400, "A purge names its keys in xkey-purge"));
        }
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A member's pages are their own (the session cookie is bs_session), and API clients
    # authenticate: neither is looked up nor stored here.
    if (req.http.Cookie ~ "(^|;)\s*bs_session=" || req.http.Authorization) {
        return (pass);
    }
    # Live updates are endless responses: never make other readers queue behind one.
    if (req.url ~ "^/articles/[^/?]+/live(\?|$)") {
        return (pass);
    }
    # The reading pages are the same for every signed-out reader, whatever other cookies they
    # carry (Broadsheet's own page cache ignores them too): dropped, so they share one copy.
    # Elsewhere (sign-in, single sign-on callbacks) cookies matter and are left alone.
    if (req.url ~ "^/(\?|$)" || req.url ~ "^/(articles|sections|tags|authors)/") {
        unset req.http.Cookie;
    }
    # One copy per content coding Broadsheet makes (brotli, gzip, none), chosen once here.
    # Varnish's own gzip handling would turn a browser's "br, gzip" into "gzip" and lose
    # brotli, so the choice is carried in x-encoding and given back to the backend request.
    if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(,|$)") {
        set req.http.x-encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|,)\s*gzip\s*(,|$)") {
        set req.http.x-encoding = "gzip";
    } else {
        set req.http.x-encoding = "identity";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.x-encoding);
    # Then the built-in: the URL and the host.
}

sub vcl_backend_fetch {
    if (bereq.http.x-encoding == "br" || bereq.http.x-encoding == "gzip") {
        set bereq.http.Accept-Encoding = bereq.http.x-encoding;
    } elsif (bereq.http.x-encoding) {
        unset bereq.http.Accept-Encoding;
    }
    unset bereq.http.x-encoding;
}

sub vcl_backend_response {
    # Kept only when Broadsheet says any cache may keep it (`public`, signed-out pages and
    # hashed assets); never an answer that sets a cookie or is someone's own.
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store)"
        || beresp.http.Cache-Control !~ "(?i)public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A page asked for compressed but answered as it is (its compressed forms were still
    # being made): kept only briefly, so the compressed copy replaces it soon.
    if (bereq.http.Accept-Encoding && !beresp.http.Content-Encoding
        && beresp.http.Content-Type ~ "^text/html") {
        set beresp.ttl = 5s;
        set beresp.grace = 0s;
    }
    # The TTL is Broadsheet's s-maxage (an hour when it purges, a minute when it does not),
    # its stale-while-revalidate the grace; xkey indexes the object by its xkey header.
    return (deliver);
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.x-shared-cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.x-shared-cache = "hit";
    } else {
        set resp.http.x-shared-cache = "miss";
    }
    # The module's index, no business of the client's; Surrogate-Key stays for a CDN further out.
    unset resp.http.xkey;
}
