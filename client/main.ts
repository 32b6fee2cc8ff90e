import './app/agora-app';
