"""Production entry point: serve the app with waitress."""
import os

from waitress import serve

from app import app

if __name__ == '__main__':
    host = os.environ.get('HOST', '0.0.0.0')
    port = int(os.environ.get('PORT', '8080'))
    threads = int(os.environ.get('WAITRESS_THREADS', '8'))
    print(f'Serving on http://{host}:{port} with {threads} threads')
    serve(app, host=host, port=port, threads=threads)
